// The store keeps a lab's events in order, sharing one [host, port] per endpoint to keep the heap small.
import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { LabStore } from './lab-store.ts';

const event = (seq: number, op: SocketEvent['op']): SocketEvent => ({
  seq,
  t: seq,
  lab: 'tcp-echo',
  socket: 'client-1',
  role: 'client',
  op,
  local: ['127.0.0.1', 40000],
  remote: ['127.0.0.1', 65432],
  size: 1,
  hex: '61',
});

describe('LabStore', () => {
  it('keeps events in order with their addresses, one shared array per endpoint', () => {
    const store = new LabStore();
    store.apply({ type: 'events', events: [event(0, 'sendall'), event(1, 'recv')], dropped: 0 });
    store.apply({ type: 'events', events: [event(2, 'recv')], dropped: 0 });
    const events = store.view('tcp-echo').events;
    expect(events.map((e) => [e.seq, e.op, e.local, e.remote])).toEqual([
      [0, 'sendall', ['127.0.0.1', 40000], ['127.0.0.1', 65432]],
      [1, 'recv', ['127.0.0.1', 40000], ['127.0.0.1', 65432]],
      [2, 'recv', ['127.0.0.1', 40000], ['127.0.0.1', 65432]],
    ]);
    expect(events[2]!.local).toBe(events[0]!.local);
    expect(events[2]!.remote).toBe(events[1]!.remote);
    expect(events[0]!.local).not.toBe(events[0]!.remote);
    expect(store.total).toBe(3);
  });

  it('holds at most its limit of calls: later ones are counted with the drops, said once, and a saved trace counts them missing', () => {
    const store = new LabStore(3);
    store.apply({ type: 'events', events: [event(0, 'connect'), event(1, 'sendall')], dropped: 0 });
    store.apply({ type: 'events', events: [event(2, 'recv'), event(3, 'recv'), event(4, 'recv')], dropped: 1 });
    store.apply({ type: 'events', events: [event(5, 'recv')], dropped: 1 });
    expect(store.view('tcp-echo').events.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect({ total: store.total, dropped: store.dropped, notKept: store.notKept, missing: store.missing }).toEqual({ total: 3, dropped: 1, notKept: 3, missing: 4 });
    expect(store.notices.map((n) => n.text)).toEqual([expect.stringMatching(/^This page holds at most 3 calls, and has them: later calls are counted with the dropped ones/)]);
    expect(store.toTrace().dropped).toBe(4);
  });
});
