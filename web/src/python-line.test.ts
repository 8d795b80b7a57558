import type { SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { pythonLine } from './python-line.ts';

function ev(p: Partial<SocketEvent> & Pick<SocketEvent, 'role' | 'op'>): SocketEvent {
  return { seq: 0, t: 0, lab: 'tcp-echo', socket: 's', local: null, remote: null, size: 0, hex: '', ...p };
}
const hex = (s: string) => Buffer.from(s).toString('hex');

describe('pythonLine', () => {
  it('writes the seed server calls with the course names', () => {
    expect(pythonLine(ev({ role: 'server', op: 'bind', local: ['127.0.0.1', 65432] })).code).toBe("sock.bind(('127.0.0.1', 65432))");
    expect(pythonLine(ev({ role: 'server', op: 'listen', arg: 1 })).code).toBe('sock.listen(1)');
    expect(pythonLine(ev({ role: 'peer', op: 'accept', remote: ['127.0.0.1', 57937] }))).toEqual({
      code: 'sc, addr = sock.accept()',
      result: "addr = ('127.0.0.1', 57937)",
    });
    expect(pythonLine(ev({ role: 'peer', op: 'recv', arg: 1024, size: 11, hex: hex('Hello World') }))).toEqual({
      code: 'data = sc.recv(1024)',
      result: "b'Hello World'  (11 bytes)",
    });
    expect(pythonLine(ev({ role: 'peer', op: 'sendall', size: 11, hex: hex('Hello World') })).code).toBe("sc.sendall(b'Hello World')");
  });

  it('writes the client side as seed 000 does', () => {
    expect(pythonLine(ev({ role: 'client', op: 'connect', remote: ['127.0.0.1', 65432] })).code).toBe("sock.connect(('127.0.0.1', 65432))");
    expect(pythonLine(ev({ role: 'client', op: 'recv', arg: 4, size: 1, hex: '0a' }))).toEqual({ code: 'reply = sock.recv(4)', result: "b'\\n'  (1 byte)" });
  });

  it("shows EOF as b'' and a failure as the exception Python raises", () => {
    expect(pythonLine(ev({ role: 'peer', op: 'recv', arg: 4 })).result).toBe("b''  (the peer closed: EOF)");
    const reset = ev({ role: 'peer', op: 'recv', arg: 4, error: { name: 'ConnectionResetError', message: '[Errno 104] Connection reset by peer' } });
    expect(pythonLine(reset).result).toBe('raises ConnectionResetError: [Errno 104] Connection reset by peer');
  });

  it('cuts long literals visibly rather than silently', () => {
    const long = 'x'.repeat(100);
    const line = pythonLine(ev({ role: 'client', op: 'sendall', size: 100, hex: hex(long) }));
    expect(line.code).toBe(`sock.sendall(b'${'x'.repeat(40)}'\u2026)`);
  });
});
