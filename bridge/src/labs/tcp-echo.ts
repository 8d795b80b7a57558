// TCP echo lab (seeds 000, 002, 003): a server that sendall()s back each recv(BUF_SIZE), and clients.
import net from 'node:net';
import type { Address, PyError, Role, TcpEchoCommand, TcpEchoState } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { formatPyError, toPyError } from '../python-errors.ts';
import { isLoopbackHost, loopbackAddress, notLoopbackMessage } from '../security.ts';
import { AcceptedRecvLoop, connectWithRecv } from '../sockets/recv-loop.ts';
import { listenTcp } from '../sockets/listen.ts';
import { sendAll } from '../sockets/send-all.ts';
import { InFlight, LabError, pyLabError, type Lab, type LabContext } from './lab.ts';

/** BUF_SIZE as the seeds set it; ports and backlog are in labs/defaults.ts. */
const DEFAULT_BUFSIZE = 1024;
/** Sockets one page may hold in this lab (clients and accepted connections together). */
export const MAX_CONNECTIONS = 64;

interface Conn {
  id: string;
  role: Role;
  socket: net.Socket;
  local: Address;
  remote: Address;
}

interface Listening {
  id: string;
  server: net.Server;
  local: Address;
  backlog: number;
}

/** What the lanes show for a connection past MAX_CONNECTIONS: the lab's limit, not Python's. */
export const overCap = (): PyError => ({
  name: 'Refused by Socket Lab',
  message: `this lab holds at most ${MAX_CONNECTIONS} connections at once, so it closed this one as soon as accept() returned it`,
  hint: 'Python has no such limit. Close some connections, then connect again.',
});

export class TcpEchoLab implements Lab<'tcp-echo'> {
  private bufsize = DEFAULT_BUFSIZE;
  private listening: Listening | null = null;
  private readonly conns = new Map<string, Conn>();
  /** A start-server or connect still opening: a second must not slip past the checks. */
  private readonly starting = new InFlight();
  private readonly connecting = new InFlight();

  constructor(
    private readonly ctx: LabContext,
    options: { bufsize?: number } = {},
  ) {
    if (options.bufsize) this.bufsize = options.bufsize;
  }

  state(): TcpEchoState {
    const list = (role: Role) =>
      [...this.conns.values()]
        .filter((c) => c.role === role)
        .map((c) => ({ socket: c.id, local: c.local, remote: c.remote }));
    const l = this.listening;
    return {
      bufsize: this.bufsize,
      server: l ? { socket: l.id, local: l.local, backlog: l.backlog } : null,
      clients: list('client'),
      peers: list('peer'),
    };
  }

  async handle(command: TcpEchoCommand): Promise<void> {
    switch (command.op) {
      case 'start-server':
        return this.startServer(command.host, command.port, command.backlog);
      case 'stop-server':
        return this.stopServer();
      case 'connect':
        return this.connect(command.host, command.port);
      case 'sendall':
        return this.sendall(this.conn(command.socket), Buffer.from(command.hex, 'hex'));
      case 'close':
        return this.closeConn(this.conn(command.socket));
      case 'set-bufsize':
        this.bufsize = command.bufsize;
        this.ctx.publish();
        return;
      default:
        return assertNever(command);
    }
  }

  close(): void {
    for (const c of this.conns.values()) c.socket.destroy();
    this.conns.clear();
    this.listening?.server.close();
    this.listening = null;
  }

  /** The listening server's address, once started (port 0 resolved). */
  get address(): Address | null {
    return this.listening?.local ?? null;
  }

  private conn(id: string): Conn {
    const c = this.conns.get(id);
    if (!c) throw new LabError('not-found', `no open socket ${JSON.stringify(id)} (it may have closed)`);
    return c;
  }

  private async startServer(host: string, port: number, backlog: number): Promise<void> {
    if (!isLoopbackHost(host)) throw new LabError('not-loopback', notLoopbackMessage(host));
    if (this.listening) {
      const [h, p] = this.listening.local;
      throw new LabError('lab-error', `the server is already listening on ${h}:${p}; stop it first`);
    }
    if (this.starting.count > 0) throw new LabError('lab-error', 'the server is already starting');
    await this.starting.run(() => this.listenOn(host, port, backlog));
  }

  private async listenOn(host: string, port: number, backlog: number): Promise<void> {
    const id = this.ctx.nextId('server');
    const server = net.createServer({ allowHalfOpen: true });
    const address = loopbackAddress(host);
    try {
      // Node's listen() is Python's bind() then listen(backlog); libuv sets SO_REUSEADDR,
      // as the seed's server does with setsockopt.
      await listenTcp(server, { host: address, port, backlog, exclusive: true }, (err) => {
        const l = this.listening;
        if (l?.server === server) this.ctx.record({ socket: l.id, role: 'server', op: 'accept', local: l.local, remote: null, error: toPyError(err) });
      });
    } catch (err) {
      const error = toPyError(err);
      this.ctx.record({ socket: id, role: 'server', op: 'bind', local: [address, port], remote: null, error });
      throw pyLabError(error);
    }
    const info = server.address() as net.AddressInfo;
    const local: Address = [info.address, info.port];
    this.listening = { id, server, local, backlog };
    this.ctx.record({ socket: id, role: 'server', op: 'bind', local, remote: null });
    this.ctx.record({ socket: id, role: 'server', op: 'listen', local, remote: null, arg: backlog });
    server.on('connection', (socket) => this.accepted(socket));
    this.ctx.publish();
  }

  private stopServer(): void {
    const l = this.listening;
    if (!l) throw new LabError('lab-error', 'the server is not running');
    this.listening = null;
    for (const c of [...this.conns.values()]) if (c.role === 'peer') this.closeConn(c);
    l.server.close();
    this.ctx.record({ socket: l.id, role: 'server', op: 'close', local: l.local, remote: null });
    this.ctx.publish();
  }

  private accepted(socket: net.Socket): void {
    if (this.conns.size >= MAX_CONNECTIONS) {
      // Past the cap the connection is closed as soon as it is accepted, rather than held without
      // bound; the lanes say so, since Python itself has no such limit.
      const remote: Address = [socket.remoteAddress ?? '', socket.remotePort ?? 0];
      socket.on('error', () => {});
      socket.destroy();
      const l = this.listening;
      if (l) this.ctx.record({ socket: l.id, role: 'server', op: 'accept', local: l.local, remote, error: overCap() });
      return;
    }
    const id = this.ctx.nextId('peer');
    const conn: Conn = {
      id,
      role: 'peer',
      socket,
      local: [socket.localAddress ?? '', socket.localPort ?? 0],
      remote: [socket.remoteAddress ?? '', socket.remotePort ?? 0],
    };
    this.conns.set(id, conn);
    this.ctx.record({ socket: id, role: 'peer', op: 'accept', local: conn.local, remote: conn.remote });
    this.ctx.publish();
    // Echo as `while data := sc.recv(BUF_SIZE): sc.sendall(data)`: the next recv waits for sendall.
    new AcceptedRecvLoop(socket, () => this.bufsize, this.ctx.flow, {
      onChunk: (chunk, n) => {
        this.recordRecv(conn, n, chunk);
        // A sendall that raises ends `while data := sc.recv(n): sc.sendall(data)`, and `with` closes.
        return this.sendall(conn, chunk).catch(() => this.closeConn(conn));
      },
      onEof: (n) => {
        this.recordRecv(conn, n, Buffer.alloc(0));
        this.closeConn(conn);
      },
      onError: (err, n) => this.failed(conn, n, err),
    }, { socket: id });
  }

  private async connect(host: string, port: number): Promise<void> {
    if (!isLoopbackHost(host)) throw new LabError('not-loopback', notLoopbackMessage(host));
    if (this.conns.size + this.connecting.count >= MAX_CONNECTIONS) throw new LabError('lab-error', `at most ${MAX_CONNECTIONS} connections at once: close some first`);
    await this.connecting.run(() => this.connectTo(host, port));
  }

  private async connectTo(host: string, port: number): Promise<void> {
    const id = this.ctx.nextId('client');
    const address = loopbackAddress(host);
    let conn: Conn | null = null;
    const socket = connectWithRecv({ host: address, port }, () => this.bufsize, this.ctx.flow, {
      onChunk: (chunk, n) => conn && this.recordRecv(conn, n, chunk),
      onEof: (n) => {
        if (!conn) return;
        // The client's loop ends at b'' and its `with` block closes the socket.
        this.recordRecv(conn, n, Buffer.alloc(0));
        this.closeConn(conn);
      },
      onError: (err, n) => conn && this.failed(conn, n, err),
    }, { socket: id });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        conn = {
          id,
          role: 'client',
          socket,
          local: [socket.localAddress ?? '', socket.localPort ?? 0],
          remote: [socket.remoteAddress ?? address, socket.remotePort ?? port],
        };
        this.conns.set(id, conn);
        this.ctx.record({ socket: id, role: 'client', op: 'connect', local: conn.local, remote: conn.remote });
        this.ctx.publish();
        resolve();
      });
      socket.once('error', (err) => {
        if (conn) return;
        const error = toPyError(err);
        this.ctx.record({ socket: id, role: 'client', op: 'connect', local: null, remote: [address, port], error });
        socket.destroy();
        reject(pyLabError(error));
      });
    });
  }

  private recordRecv(conn: Conn, n: number, data: Buffer): void {
    this.ctx.record({ socket: conn.id, role: conn.role, op: 'recv', local: conn.local, remote: conn.remote, data, arg: n });
  }

  /** sendall: the event is recorded once Node has handed every byte to the kernel, or failed. */
  private async sendall(conn: Conn, data: Buffer): Promise<void> {
    const error = await sendAll(conn.socket, data, { flow: this.ctx.flow, socket: conn.id });
    const call = { socket: conn.id, role: conn.role, op: 'sendall' as const, local: conn.local, remote: conn.remote, data };
    this.ctx.record(error ? { ...call, error } : call);
    if (error) throw new LabError('lab-error', formatPyError(error));
  }

  private failed(conn: Conn, n: number, err: Error): void {
    this.ctx.record({
      socket: conn.id,
      role: conn.role,
      op: 'recv',
      local: conn.local,
      remote: conn.remote,
      arg: n,
      error: toPyError(err),
    });
    this.closeConn(conn);
  }

  private closeConn(conn: Conn): void {
    if (!this.conns.delete(conn.id)) return;
    // Python's close() releases the descriptor at once: the kernel sends FIN (or RST if unread
    // data remains), which is what destroy() does.
    conn.socket.destroy();
    this.ctx.record({ socket: conn.id, role: conn.role, op: 'close', local: conn.local, remote: conn.remote });
    this.ctx.publish();
  }
}
