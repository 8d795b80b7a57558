import { describe, expect, it } from 'vitest';
import { PayloadStore } from './payload-store.ts';

describe('PayloadStore', () => {
  it('keeps the newest payloads within its byte budget', () => {
    const store = new PayloadStore(10);
    store.put(1, new Uint8Array(4));
    store.put(2, new Uint8Array(4));
    store.put(3, new Uint8Array(4));
    expect(store.get(1)).toBeUndefined();
    expect(store.get(2)).toHaveLength(4);
    expect(store.get(3)).toHaveLength(4);
    expect(store.size).toBe(8);
  });
  it('never holds a payload larger than the whole budget', () => {
    const store = new PayloadStore(10);
    store.put(1, new Uint8Array(11));
    expect(store.get(1)).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('PayloadStore over a long session', () => {
  it('keeps exactly the newest payloads that fit after many evictions', () => {
    const store = new PayloadStore(1000);
    for (let seq = 0; seq < 20_000; seq++) store.put(seq, new Uint8Array(10));
    expect(store.size).toBe(1000);
    expect(store.get(19_899)).toBeUndefined();
    expect(store.get(19_900)).toHaveLength(10);
    expect(store.get(19_999)).toHaveLength(10);
  });
});
