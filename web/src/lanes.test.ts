import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { LaneIndex } from './lanes.ts';

let seq = 0;
function ev(p: Partial<SocketEvent> & Pick<SocketEvent, 'socket' | 'role' | 'op'>): SocketEvent {
  return { seq: seq++, t: 0, lab: 'tcp-echo', local: null, remote: null, size: 0, hex: '', ...p };
}

describe('LaneIndex', () => {
  it('puts the lab client in the client lane and its accepted peer in the server lane', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ socket: 'server-1', role: 'server', op: 'bind', local: ['127.0.0.1', 65432] }));
    lanes.add(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 57937], remote: ['127.0.0.1', 65432] }));
    lanes.add(ev({ socket: 'peer-1', role: 'peer', op: 'accept', local: ['127.0.0.1', 65432], remote: ['127.0.0.1', 57937] }));
    expect(lanes.laneOf('client-1')).toBe('client');
    expect(lanes.laneOf('peer-1')).toBe('server');
    expect(lanes.lanes().map((l) => l.key)).toEqual(['client', 'server']);
  });

  it('moves a peer into the server lane when the matching connect arrives after the accept', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ socket: 'peer-1', role: 'peer', op: 'accept', remote: ['127.0.0.1', 40000] }));
    expect(lanes.laneOf('peer-1')).toBe('peer:peer-1');
    lanes.add(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 40000] }));
    expect(lanes.laneOf('peer-1')).toBe('server');
    expect(lanes.lanes()).toHaveLength(2);
  });

  it('gives an outside connection (nc, a Python script) a lane of its own', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 40000] }));
    lanes.add(ev({ socket: 'peer-2', role: 'peer', op: 'accept', remote: ['127.0.0.1', 51515] }));
    lanes.add(ev({ socket: 'peer-2', role: 'peer', op: 'recv', remote: ['127.0.0.1', 51515] }));
    expect(lanes.laneOf('peer-2')).toBe('peer:peer-2');
    expect(lanes.lanes().map((l) => [l.title, l.subtitle])).toEqual([
      ['Client', 'the lab\u2019s client sockets'],
      ['Server', 'listening socket and its connections'],
      ['Connection peer-2', 'from 127.0.0.1:51515 (not the lab\u2019s client)'],
    ]);
  });
});

describe('LaneIndex at a moment (the scrubber)', () => {
  it('draws a later connection\'s lane only from the event that opened it', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ socket: 'server-1', role: 'server', op: 'listen' })); // 0
    lanes.add(ev({ socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 40000] })); // 1
    lanes.add(ev({ socket: 'peer-2', role: 'peer', op: 'accept', remote: ['127.0.0.1', 51515] })); // 2
    lanes.add(ev({ socket: 'peer-2', role: 'peer', op: 'recv', remote: ['127.0.0.1', 51515] })); // 3
    expect(lanes.lanesAt(1).map((l) => l.key)).toEqual(['client', 'server']);
    expect(lanes.lanesAt(2).map((l) => l.key)).toEqual(['client', 'server', 'peer:peer-2']);
    expect(lanes.lanesAt(3)).toEqual(lanes.lanes());
  });
});

describe('LaneIndex with a relay', () => {
  it('puts the relay between client and server, only once one is used', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ socket: 'server-1', role: 'server', op: 'bind' }));
    expect(lanes.lanes().map((l) => l.key)).toEqual(['client', 'server']);
    lanes.add(ev({ socket: 'relay-1', role: 'relay', op: 'recvfrom' }));
    expect(lanes.lanes().map((l) => l.key)).toEqual(['client', 'relay', 'server']);
    expect(lanes.laneOf('relay-1')).toBe('relay');
  });

  it("a traced program's calls go in the lane of the thread that made them: accepted in MainThread, served in Thread-1", () => {
    const lanes = new LaneIndex();
    const at = { pid: 4242, local: ['127.0.0.1', 5960] as [string, number], remote: ['127.0.0.1', 40000] as [string, number] };
    lanes.add(ev({ ...at, lab: 'chat', socket: 'p4242-5', role: 'peer', op: 'accept', thread: 'MainThread' }));
    const recv = ev({ ...at, lab: 'chat', socket: 'p4242-5', role: 'peer', op: 'recv', thread: 'Thread-1 (handle)' });
    lanes.add(recv);
    expect(lanes.laneOfEvent(recv)).toBe('proc:4242:Thread-1 (handle)');
    expect(lanes.laneOf('p4242-5')).toBe('proc:4242:Thread-1 (handle)');
    expect(lanes.lanes().map((l) => l.title)).toEqual(['pid 4242 \u00b7 MainThread', 'pid 4242 \u00b7 Thread-1 (handle)']);
  });

  it('each chat panel gets a lane of its own; beside programs, an unused Server lane is not drawn', () => {
    const lanes = new LaneIndex();
    lanes.add(ev({ lab: 'chat', socket: 'p1-4', role: 'server', op: 'listen', pid: 1, thread: 'MainThread' }));
    lanes.add(ev({ lab: 'chat', socket: 'client-1', role: 'client', op: 'connect', local: ['127.0.0.1', 40001], remote: ['127.0.0.1', 5960] }));
    lanes.add(ev({ lab: 'chat', socket: 'client-2', role: 'client', op: 'connect', local: ['127.0.0.1', 40002], remote: ['127.0.0.1', 5960] }));
    expect(lanes.lanes().map((l) => [l.key, l.subtitle])).toEqual([
      ['proc:1:MainThread', 'a traced Python program'],
      ['panel:client-1', 'a chat panel\u2019s socket from port 40001'],
      ['panel:client-2', 'a chat panel\u2019s socket from port 40002'],
    ]);
  });
});
