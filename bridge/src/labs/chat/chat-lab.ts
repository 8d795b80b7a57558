// The Chat lab (seed 003's project): the threaded Python chat server (programs/chat_server.py),
// traced, and chat panels in the page. Each panel is a lab client socket: a line it sends is one
// sendall, what comes back is read recv(BUF_SIZE) by recv and framed by '\n' as a student's
// client would, so a reply assembled from several reads says so. `nc` joins the same server.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineSplitter } from '@socket-lab/framing';
import { assertNever, MAX_CHAT_LINES, MAX_CHAT_PANELS, type Address, type ChatCommand, type ChatLine, type ChatState } from '@socket-lab/protocol';
import { formatPyError, toPyError } from '../../python-errors.ts';
import { connectWithRecv } from '../../sockets/recv-loop.ts';
import { sendAll } from '../../sockets/send-all.ts';
import { LabError, pyLabError, type Lab, type LabContext } from '../lab.ts';
import { ServerProgram } from '../programs/served-program.ts';
import { TracedPrograms } from '../programs/traced-programs.ts';

export const CHAT_PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs', 'chat_server.py');
/** The panels read as the seed's client does: recv(BUF_SIZE). */
const BUF_SIZE = 1024;
/** The server's own limit (MAX_LINE in chat_server.py): a panel keeps no longer line either. */
const MAX_LINE = 4096;

interface Panel {
  id: string;
  socket: net.Socket;
  local: Address;
  remote: Address;
  name: string | null;
  open: boolean;
  lines: ChatLine[];
  splitter: LineSplitter;
}

export class ChatLab implements Lab<'chat'> {
  private readonly traced: TracedPrograms;
  private readonly server: ServerProgram;
  private readonly panels = new Map<string, Panel>();
  private joining = 0;

  constructor(
    private readonly ctx: LabContext,
    python = 'python3',
  ) {
    this.traced = new TracedPrograms(ctx);
    this.server = new ServerProgram(this.traced, CHAT_PROGRAM, python, () => ctx.publish());
  }

  state(): ChatState {
    return {
      server: this.server.view(),
      panels: [...this.panels.values()].map((p) => ({ panel: p.id, port: p.local[1], name: p.name, open: p.open, lines: p.lines, partial: p.splitter.partial })),
    };
  }

  async handle(command: ChatCommand): Promise<void> {
    switch (command.op) {
      case 'start':
        return this.server.start(command.port);
      case 'stop':
        this.stop();
        this.ctx.publish();
        return;
      case 'join':
        return this.join();
      case 'say':
        return this.say(this.panel(command.panel), command.text, command.newline);
      case 'leave':
        this.leave(this.panel(command.panel));
        return;
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.stop();
    this.traced.close();
  }

  private stop(): void {
    for (const p of [...this.panels.values()]) this.leave(p, false);
    this.panels.clear();
    this.server.stop();
  }

  private panel(id: string): Panel {
    const p = this.panels.get(id);
    if (!p) throw new LabError('not-found', `no chat panel ${JSON.stringify(id)} (it may have closed)`);
    return p;
  }

  /** A new panel: `sock.connect((HOST, PORT))` from a lab client socket. */
  private async join(): Promise<void> {
    const port = this.server.listeningPort();
    const open = [...this.panels.values()].filter((p) => p.open);
    if (open.length + this.joining >= MAX_CHAT_PANELS) throw new LabError('lab-error', `at most ${MAX_CHAT_PANELS} chat panels at once: leave one first`);
    // A closed panel stays to be read, until the newer ones need its place.
    for (const p of this.panels.values()) if (!p.open && this.panels.size >= MAX_CHAT_PANELS) this.panels.delete(p.id);
    const id = this.ctx.nextId('client');
    const remote: Address = ['127.0.0.1', port];
    this.joining++;
    let panel: Panel | null = null;
    try {
      const socket = connectWithRecv({ host: remote[0], port: remote[1] }, () => BUF_SIZE, this.ctx.flow, {
        onChunk: (chunk, n) => panel && this.received(panel, chunk, n),
        onEof: (n) => panel && this.ended(panel, n, null),
        onError: (err, n) => panel && this.ended(panel, n, err),
      }, { socket: id });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => {
          panel = { id, socket, local: [socket.localAddress ?? '', socket.localPort ?? 0], remote, name: null, open: true, lines: [], splitter: new LineSplitter(MAX_LINE) };
          this.panels.set(id, panel);
          this.ctx.record({ socket: id, role: 'client', op: 'connect', local: panel.local, remote });
          this.note(panel, 'note', `connected from port ${panel.local[1]}: send your username first`);
          resolve();
        });
        socket.once('error', (err) => {
          if (panel) return;
          const error = toPyError(err);
          this.ctx.record({ socket: id, role: 'client', op: 'connect', local: null, remote, error });
          socket.destroy();
          reject(pyLabError(error));
        });
      });
    } finally {
      this.joining--;
    }
  }

  /** `sock.sendall((text + '\n').encode())`: one call, whatever the server's recvs make of it. */
  private async say(p: Panel, text: string, newline: boolean): Promise<void> {
    if (!p.open) throw new LabError('lab-error', 'this panel\u2019s connection is closed: join again');
    const data = Buffer.from(newline ? `${text}\n` : text, 'utf8');
    const error = await sendAll(p.socket, data, { flow: this.ctx.flow, socket: p.id });
    this.ctx.record({ socket: p.id, role: 'client', op: 'sendall', local: p.local, remote: p.remote, data, ...(error ? { error } : {}) });
    if (error) throw new LabError('lab-error', formatPyError(error));
    this.note(p, 'me', newline ? text : `${text}  (no newline yet)`);
  }

  private received(p: Panel, chunk: Buffer, n: number): void {
    this.ctx.record({ socket: p.id, role: 'client', op: 'recv', local: p.local, remote: p.remote, data: chunk, arg: n });
    const step = p.splitter.push(chunk);
    for (const line of step.lines) {
      const text = Buffer.from(line.bytes).toString('utf8');
      const welcome = /^welcome (.+)$/.exec(text);
      if (welcome && p.name === null) p.name = welcome[1]!;
      this.add(p, { from: 'server', text, recvs: line.reads });
    }
    if (step.dropped > 0) this.add(p, { from: 'note', text: `${step.dropped} bytes of a line over ${MAX_LINE} bytes dropped` });
    this.ctx.publish();
  }

  /** The server closed (b'') or the connection failed: the panel's `with` block closes its socket. */
  private ended(p: Panel, n: number, err: Error | null): void {
    const error = err ? toPyError(err) : undefined;
    this.ctx.record({ socket: p.id, role: 'client', op: 'recv', local: p.local, remote: p.remote, arg: n, data: Buffer.alloc(0), ...(error ? { error } : {}) });
    this.add(p, { from: 'note', text: error ? formatPyError(error) : "the server closed the connection (recv returned b'')" });
    this.leave(p);
  }

  private leave(p: Panel, publish = true): void {
    if (p.open) {
      p.open = false;
      p.socket.destroy();
      this.ctx.record({ socket: p.id, role: 'client', op: 'close', local: p.local, remote: p.remote });
    }
    if (publish) this.ctx.publish();
  }

  private note(p: Panel, from: ChatLine['from'], text: string): void {
    this.add(p, { from, text });
    this.ctx.publish();
  }

  private add(p: Panel, line: ChatLine): void {
    p.lines.push(line);
    if (p.lines.length > MAX_CHAT_LINES) p.lines.splice(0, p.lines.length - MAX_CHAT_LINES);
  }
}
