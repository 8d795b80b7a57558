import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { firstSend, FrameFollower, lastCallBeforeTraceback, lastTraceback, readPastFrame, repliedThenClosed, studentTrace } from './explain.ts';

const SERVER = '/home/s/buffered_server.py';
let seq = 0;
function ev(op: SocketEvent['op'], o: Partial<SocketEvent> & { line?: number; code?: string; file?: string } = {}): SocketEvent {
  const { line, code, file, ...rest } = o;
  return {
    seq: seq++, t: seq, lab: 'length-prefix', socket: 'fd-4', role: 'server', op, local: null, remote: null, size: 0, hex: '',
    ...(line !== undefined ? { where: { file: file ?? SERVER, line, code: code ?? '' } } : {}),
    ...rest,
  };
}
const out = (text: string, stream: 'stdout' | 'stderr' = 'stderr') => ev('output', { output: { stream, text } });

describe('lastTraceback', () => {
  it("names the exception and the innermost frame in the student's file", () => {
    const lines = [
      'started',
      'Traceback (most recent call last):',
      '  File "/lab/serve_submission.py", line 20, in run',
      '    server.start()',
      '  File "/home/s/buffered_server.py", line 38, in start',
      "    payload = self.recv_all(conn, struct.unpack('!I', header)[0])",
      'struct.error: unpack requires a buffer of 4 bytes',
    ];
    expect(lastTraceback(lines, 'buffered_server.py')).toBe("struct.error: unpack requires a buffer of 4 bytes at buffered_server.py:38 `payload = self.recv_all(conn, struct.unpack('!I', header)[0])`");
    expect(lastTraceback(['started', 'start() ended'], 'buffered_server.py')).toBeNull();
  });
});

describe('finding the call that went wrong', () => {
  const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));
  // Two frames: 'Hi' and 'abc'.
  const two = '00 00 00 02 48 69 00 00 00 03 61 62 63';

  it('FrameFollower: reads that end on the frame boundaries, split anywhere, are not over-reads', () => {
    for (const cuts of [[4, 6, 10, 13], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [2, 4, 5, 6, 8, 10, 12, 13]]) {
      const f = new FrameFollower();
      const bytes = hex(two);
      let at = 0;
      for (const [i, end] of cuts.entries()) {
        f.recv('fd-4', i, bytes.subarray(at, end));
        at = end;
      }
      expect(f.first, cuts.join(',')).toBeNull();
    }
  });

  it('FrameFollower: the first recv that reads past its part, with what it read and needed', () => {
    const f = new FrameFollower();
    f.recv('fd-4', 7, hex('00 00 00 02 48 69 00 00 00 03 61 62 63'));
    expect(f.first).toEqual({ seq: 7, read: 13, needed: 4, part: 'header' });
    const g = new FrameFollower();
    g.recv('fd-4', 1, hex('00 00 00 02'));
    g.recv('fd-4', 2, hex('48 69 00 00'));
    g.recv('fd-4', 3, hex('00 03 61'));
    expect(g.first).toEqual({ seq: 2, read: 4, needed: 2, part: 'payload' });
    // Each connection has its own stream; an empty frame is a header and nothing else.
    const h = new FrameFollower();
    h.recv('fd-4', 1, hex('00 00 00 00'));
    h.recv('fd-5', 2, hex('00 00'));
    h.recv('fd-4', 3, hex('00 00 00 01'));
    expect(h.first).toBeNull();
  });

  it("readPastFrame: says it with the student's own line", () => {
    seq = 5;
    const e = ev('recv', { line: 18, code: '    chunk = conn.recv(self.buffer_size)', size: 36 });
    expect(readPastFrame({ seq: 5, read: 36, needed: 4, part: 'header' }, [e], 'buffered_server.py')).toBe(
      "your server's recv read 36 bytes where the frame needed 4 more of the 4-byte header (buffered_server.py:18 `chunk = conn.recv(self.buffer_size)`): a recv that reads past what it needs must keep the rest for the next read",
    );
    expect(readPastFrame({ seq: 5, read: 1024, needed: 1020, part: 'payload' }, [e], 'buffered_server.py')).toMatch(/^your server's recv read 1,024 bytes where the frame needed 1,020 more of the message \(/);
  });

  it("lastCallBeforeTraceback: the student's last recv or send before the traceback began (else their last call), not their output", () => {
    seq = 0;
    const events = [ev('accept', { line: 28 }), ev('recv', { line: 18, size: 36 }), out('Traceback (most recent call last):'), ev('close', { line: 45 })];
    expect(lastCallBeforeTraceback(events, 'buffered_server.py')).toBe(1);
    // The close in their finally: came after the fault: the recv is still the one.
    expect(lastCallBeforeTraceback(events.filter((e) => e.op !== 'output'), 'buffered_server.py')).toBe(1);
    expect(lastCallBeforeTraceback([events[0]!, events[3]!], 'buffered_server.py')).toBe(3);
    expect(lastCallBeforeTraceback([out('hello')], 'buffered_server.py')).toBeNull();
  });

  it("firstSend: the client's first send or sendall", () => {
    seq = 0;
    const events = [ev('connect', { line: 9, file: '/c/buffered_client.py' }), ev('sendall', { line: 14, file: '/c/buffered_client.py', size: 51 })];
    expect(firstSend(events, 'buffered_client.py')).toBe(1);
  });
});

describe('studentTrace', () => {
  it('keeps 30 events before the focus and 10 after, without the harness', () => {
    seq = 0;
    const events = [out('started', 'stdout'), ev('thread', { line: 29, file: '/lab/serve_submission.py' }), ...Array.from({ length: 100 }, () => ev('recv', { line: 18, size: 1 }))];
    const t = studentTrace(events, 'buffered_server.py', 52);
    expect(t.total).toBe(100);
    expect(t.focus).toBe(52);
    expect(t.events.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => 22 + i));
  });

  it('without a focus (or one the window lost), the last 40', () => {
    seq = 0;
    const events = Array.from({ length: 50 }, () => ev('recv', { line: 18, size: 1 }));
    expect(studentTrace(events, 'buffered_server.py', null)).toMatchObject({ focus: null, total: 50 });
    expect(studentTrace(events, 'buffered_server.py', 999).events[0]!.seq).toBe(10);
  });
});

describe('repliedThenClosed', () => {
  it('counts whole frames sent on the first connection before its close', () => {
    seq = 0;
    const frame = { size: 6, hex: '000000024869' };
    const events = [ev('accept', { line: 28 }), ev('recv', { line: 18, size: 4 }), ev('sendall', { line: 41, ...frame }), ev('close', { line: 44 })];
    expect(repliedThenClosed(events, 'buffered_server.py')).toEqual({ replies: 1, seq: 3 });
    // Header and payload sent apart: not counted as messages.
    seq = 0;
    const apart = [ev('sendall', { line: 41, size: 4, hex: '00000002' }), ev('sendall', { line: 42, size: 2, hex: '4869' }), ev('close', { line: 44 })];
    expect(repliedThenClosed(apart, 'buffered_server.py')).toBeNull();
    // Still open: nothing to say.
    expect(repliedThenClosed(events.slice(0, 3), 'buffered_server.py')).toBeNull();
  });
});
