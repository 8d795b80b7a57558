import { describe, expect, it } from 'vitest';
import { kernelText } from './kernel-text.ts';

describe('kernelText', () => {
  it('a connection: state, bytes not yet read, bytes not yet acknowledged', () => {
    expect(kernelText({ state: 'CLOSE_WAIT', recvQueue: 7, sendQueue: 0 })).toBe('CLOSE_WAIT · 7 unread · 0 unacked');
  });
  it('a listener: connections waiting for accept() and its backlog', () => {
    expect(kernelText({ state: 'LISTEN', recvQueue: 2, sendQueue: 1 })).toBe('LISTEN · 2 waiting for accept() (backlog 1)');
  });
  it('a listener as /proc lists it: no backlog (its tx_queue column is not one)', () => {
    expect(kernelText({ lab: 'tcp-echo', socket: 'server-1', state: 'LISTEN', recvQueue: 1, sendQueue: 0, seconds: 9 })).toBe('LISTEN · 1 waiting for accept()');
  });
  it('a connection as the bridge watches it: how long it has been in its state', () => {
    expect(kernelText({ lab: 'lifecycle', socket: 'pid 7 fd 5', state: 'CLOSE_WAIT', recvQueue: 0, sendQueue: 0, seconds: 12 })).toBe('CLOSE_WAIT · 0 unread · 0 unacked · for 12 s');
  });
  it('compact, for a lane head: only the queues that hold something', () => {
    expect(kernelText({ lab: 'lifecycle', socket: 's', state: 'CLOSE_WAIT', recvQueue: 0, sendQueue: 0, seconds: 12 }, true)).toBe('CLOSE_WAIT for 12 s');
    expect(kernelText({ lab: 'lifecycle', socket: 's', state: 'ESTABLISHED', recvQueue: 30, sendQueue: 0, seconds: 0 }, true)).toBe('ESTABLISHED · 30 unread');
    expect(kernelText({ lab: 'tcp-echo', socket: 's', state: 'LISTEN', recvQueue: 0, sendQueue: 0, seconds: 3 }, true)).toBe('LISTEN');
  });
  it("a TIME_WAIT as the bridge watches it: the kernel's timer, what it has left", () => {
    const k = { lab: 'lifecycle', socket: 's', state: 'TIME_WAIT', recvQueue: 0, sendQueue: 0, seconds: 3, left: 57 } as const;
    expect(kernelText(k, true)).toBe('TIME_WAIT, 57 s left');
    expect(kernelText(k)).toBe('TIME_WAIT · 0 unread · 0 unacked · 57 s left');
  });
  it('a socket the kernel no longer lists', () => {
    expect(kernelText({ lab: 'tcp-echo', socket: 'client-1', state: 'CLOSED', recvQueue: 0, sendQueue: 0, seconds: 2 })).toBe('CLOSED (the kernel lists it no more)');
  });
});
