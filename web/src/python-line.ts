// The Python line that makes each recorded call, in the course's own names (sock, sc, data).
import { fromHex, pythonBytesRepr, pythonStrRepr } from '@socket-lab/bytes';
import { assertNever, type Address, type SocketEvent } from '@socket-lab/protocol';

/** Bytes literals longer than this are cut in the line (the hex view shows them all). */
const LITERAL_BYTES = 40;

export interface PythonLine {
  /** The statement, e.g. `data = sc.recv(1024)`. */
  code: string;
  /** What it returned or raised, e.g. `b'Hello World'  (11 bytes)`. */
  result: string;
}

export function pyAddress(a: Address): string {
  return `(${pythonStrRepr(a[0])}, ${a[1]})`;
}

function literal(e: SocketEvent): string {
  const shown = fromHex(e.hex.slice(0, LITERAL_BYTES * 2));
  const repr = pythonBytesRepr(shown);
  return e.size > shown.length ? `${repr}\u2026` : repr;
}

/** The variable the course uses: `sock` for a listening or client socket, `sc` for an accepted one. */
function variable(e: SocketEvent): string {
  return e.role === 'peer' ? 'sc' : e.role === 'relay' ? 'relay' : 'sock';
}

/** A Python str literal for message text, cut visibly when long. */
function pyText(t: { text: string; cut?: boolean }): string {
  const short = Array.from(t.text);
  const cut = t.cut || short.length > LITERAL_BYTES;
  return pythonStrRepr(short.slice(0, LITERAL_BYTES).join('')) + (cut ? '\u2026' : '');
}

/** What the server's code does at a frame boundary. */
function frameCall(e: SocketEvent): PythonLine {
  const f = e.frame;
  const raised = e.error ? `raises ${e.error.name}: ${e.error.message}` : '';
  switch (f?.kind) {
    case 'message':
      return { code: "reply = payload.decode('utf-8')[10:]", result: f.reply ? `reply = ${pyText(f.reply)}` : pyText(f.payload) };
    case 'too-large':
      return { code: "length = struct.unpack('!I', header)[0]", result: raised || `length = ${f.claimed}` };
    case 'incomplete':
      return { code: "data = sc.recv(BUF_SIZE)  # b'' mid-frame", result: raised };
    case 'bad-utf8':
      return { code: "message = payload.decode('utf-8')", result: raised };
    default:
      return { code: '# frame', result: raised };
  }
}

function sizeNote(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

export function pythonLine(e: SocketEvent): PythonLine {
  const generic = labLine(e);
  // A traced program's call is shown as the program wrote it, on its own line.
  return e.where ? { code: e.where.code, result: generic.result } : generic;
}

function labLine(e: SocketEvent): PythonLine {
  const v = variable(e);
  const line = (code: string, result: string): PythonLine =>
    e.error ? { code, result: `raises ${e.error.name}: ${e.error.message}` } : { code, result };
  switch (e.op) {
    case 'bind':
      return line(`${v}.bind(${e.local ? pyAddress(e.local) : '(HOST, PORT)'})`, e.local ? `bound to ${pyAddress(e.local)}` : '');
    case 'listen':
      return line(`${v}.listen(${e.arg ?? ''})`, 'listening');
    case 'accept':
      return line('sc, addr = sock.accept()', e.remote ? `addr = ${pyAddress(e.remote)}` : '');
    case 'connect':
      return line(`${v}.connect(${e.remote ? pyAddress(e.remote) : '(HOST, PORT)'})`, e.local ? `connected from ${pyAddress(e.local)}` : '');
    case 'send':
      return line(`${v}.send(${literal(e)})`, `sent ${sizeNote(e.size)}`);
    case 'sendall':
      return line(`${v}.sendall(${literal(e)})`, `${sizeNote(e.size)} handed to the kernel`);
    case 'recv': {
      const target = e.role === 'client' ? 'reply' : 'data';
      const result = e.size === 0 ? "b''  (the peer closed: EOF)" : `${literal(e)}  (${sizeNote(e.size)})`;
      return line(`${target} = ${v}.recv(${e.arg ?? 'BUF_SIZE'})`, result);
    }
    case 'sendto': {
      const packed = e.datagram?.packed;
      const what = packed ? `struct.pack(${pythonStrRepr(packed.format)}, ${packed.value})` : literal(e);
      return line(`${v}.sendto(${what}, ${e.remote ? pyAddress(e.remote) : 'address'})`, `sent ${sizeNote(e.size)}`);
    }
    case 'recvfrom':
      return line(`data, address = ${v}.recvfrom(${e.arg ?? 'BUF_SIZE'})`, `(${literal(e)}, ${e.remote ? pyAddress(e.remote) : '?'})`);
    case 'shutdown':
      return line(`${v}.shutdown(SHUT_WR)`, 'no more sends: FIN sent');
    case 'close':
      return e.lab === 'length-prefix' && e.role === 'client' ? line('client.shutdown()', 'socket closed') : line(`${v}.close()`, 'closed');
    case 'send_message':
      return line(`client.send_message(${e.frame?.kind === 'send' ? pyText(e.frame.payload) : 'message'})`, 'framed and sent');
    case 'receive_message': {
      const f = e.frame;
      if (f?.kind !== 'receive') return line('payload, ok = client.receive_message()', '');
      return line('payload, ok = client.receive_message()', `(${pyText(f.payload)}, ${f.ok ? 'True' : 'False'})`);
    }
    case 'frame':
      return frameCall(e);
    case 'socket':
      return line('sock = socket(AF_INET, SOCK_STREAM)', 'a new socket');
    case 'connect_ex':
      return line(`${v}.connect_ex(${e.remote ? pyAddress(e.remote) : '(HOST, PORT)'})`, e.local ? `connected from ${pyAddress(e.local)}` : '');
    case 'recv_into':
      return line(`n = ${v}.recv_into(buffer, ${e.arg ?? ''})`, e.size === 0 ? 'n = 0  (the peer closed: EOF)' : `${literal(e)}  (${sizeNote(e.size)})`);
    case 'recvfrom_into':
      return line(`n, address = ${v}.recvfrom_into(buffer, ${e.arg ?? ''})`, `(${literal(e)}, ${e.remote ? pyAddress(e.remote) : '?'})`);
    case 'setsockopt':
      return line(`${v}.setsockopt(…)`, 'option set');
    case 'settimeout':
      return line(`${v}.settimeout(…)`, 'timeout set');
    case 'setblocking':
      return line(`${v}.setblocking(…)`, 'blocking mode set');
    case 'output':
      return { code: e.output?.text ?? '', result: e.output?.stream === 'stderr' ? 'printed on stderr' : 'printed' };
    case 'start':
      // The script by its file name (its folder is on the card's file:line), the arguments as typed.
      return { code: `python3 ${(e.process?.argv ?? []).map((a, i) => (i === 0 ? a.split('/').at(-1)! : /^[\w./-]+$/.test(a) ? a : pythonStrRepr(a))).join(' ')}`, result: `pid ${e.pid ?? '?'} started` };
    case 'exit':
      return { code: 'exit', result: e.process?.signal ? `ended by ${e.process.signal}` : e.process?.code == null ? 'ended (its exit status went to its terminal)' : `exit status ${e.process.code}` };
    case 'select':
      return line('readable, writable, errored = select.select(inputs, outputs, inputs)', readyNote(e));
    case 'poll':
      return line('events = poller.poll()', readyNote(e));
    case 'selector':
      return line('events = sel.select()', readyNote(e));
    case 'fork':
      return line('pid = os.fork()', `pid = ${e.spawned?.pid ?? '?'}  (the child's; in the child it is 0)`);
    case 'thread':
      return line('thread.start()', `${e.spawned?.thread ?? 'a thread'} started`);
    default:
      return assertNever(e.op);
  }
}

/** Which fds a wait found ready, by kind, or that the timeout passed with none. */
function readyNote(e: SocketEvent): string {
  const r = e.wait?.ready;
  if (!r) return '';
  const parts = (['read', 'write', 'error'] as const).filter((k) => r[k].length > 0).map((k) => `ready to ${k === 'error' ? 'report an error' : k}: ${r[k].map((fd) => `fd ${fd}`).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'none ready (timed out)';
}
