import { describe, expect, it } from 'vitest';
import { parseTarget } from './grade-target.ts';

describe('parseTarget', () => {
  it('reads host:port, [v6]:port, and a bare port as 127.0.0.1', () => {
    expect(parseTarget('127.0.0.1:65433')).toEqual({ host: '127.0.0.1', port: 65433 });
    expect(parseTarget('[::1]:7101')).toEqual({ host: '::1', port: 7101 });
    expect(parseTarget(' 7101 ')).toEqual({ host: '127.0.0.1', port: 7101 });
    expect(parseTarget('localhost:7101')).toEqual({ host: 'localhost', port: 7101 });
  });
  it('empty means the lab’s own server; anything else is bad', () => {
    expect(parseTarget('')).toBeNull();
    for (const bad of ['70000', '0', '127.0.0.1', '127.0.0.1:', 'host:port', ':80', '127.0.0.1:123456']) expect(parseTarget(bad), bad).toBe('bad');
  });
});
