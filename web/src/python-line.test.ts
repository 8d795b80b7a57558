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

describe('pythonLine for the buffered client and the framed server', () => {
  it('writes send_message and receive_message as the assignment names them', () => {
    const send = ev({ role: 'client', op: 'send_message', frame: { kind: 'send', payload: { text: 'Four score', bytes: 10, chars: 10 } } });
    expect(pythonLine(send).code).toBe("client.send_message('Four score')");
    const got = ev({ role: 'client', op: 'receive_message', frame: { kind: 'receive', ok: true, payload: { text: ' and seven years ago', bytes: 20, chars: 20 } } });
    expect(pythonLine(got)).toEqual({ code: 'payload, ok = client.receive_message()', result: "(' and seven years ago', True)" });
    const lost = ev({ role: 'client', op: 'receive_message', frame: { kind: 'receive', ok: false, payload: { text: '', bytes: 0, chars: 0 } } });
    expect(pythonLine(lost).result).toBe("('', False)");
  });

  it('writes shutdown() for the length-prefix client and close() elsewhere', () => {
    expect(pythonLine({ ...ev({ role: 'client', op: 'close' }), lab: 'length-prefix' }).code).toBe('client.shutdown()');
    expect(pythonLine(ev({ role: 'client', op: 'close' })).code).toBe('sock.close()');
  });

  it("shows the server's cut and its refusals", () => {
    const msg = ev({ role: 'peer', op: 'frame', frame: { kind: 'message', payload: { text: 'x', bytes: 1, chars: 1 }, reply: { text: '', bytes: 0, chars: 0 } } });
    expect(pythonLine(msg)).toEqual({ code: "reply = payload.decode('utf-8')[10:]", result: "reply = ''" });
    const bad = ev({
      role: 'peer',
      op: 'frame',
      frame: { kind: 'bad-utf8', offset: 2 },
      error: { name: 'UnicodeDecodeError', message: "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte" },
    });
    expect(pythonLine(bad).result).toBe("raises UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte");
  });
});

describe('pythonLine for datagrams', () => {
  it('writes sendto with struct.pack and recvfrom with its address tuple', () => {
    const sent = ev({ role: 'client', op: 'sendto', remote: ['127.0.0.1', 5000], size: 2, hex: '0001', datagram: { packed: { format: '!h', value: 1 } } });
    expect(pythonLine(sent).code).toBe("sock.sendto(struct.pack('!h', 1), ('127.0.0.1', 5000))");
    const got = ev({ role: 'server', op: 'recvfrom', arg: 1024, remote: ['127.0.0.1', 57937], size: 14, hex: hex('This is a test') });
    expect(pythonLine(got)).toEqual({ code: 'data, address = sock.recvfrom(1024)', result: "(b'This is a test', ('127.0.0.1', 57937))" });
    const timeout = ev({ role: 'client', op: 'recvfrom', arg: 1024, error: { name: 'TimeoutError', message: 'timed out' } });
    expect(pythonLine(timeout).result).toBe('raises TimeoutError: timed out');
  });
});
