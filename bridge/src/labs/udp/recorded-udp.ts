// A dgram socket whose every sendto and recvfrom is recorded, with recvfrom(BUF_SIZE) made honest.
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { MAX_HELD_DATAGRAMS, type Address, type DatagramDetail, type PyError, type Role } from '@socket-lab/protocol';
import { toPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import { isLoopbackHost, loopbackAddress, notLoopbackMessage } from '../../security.ts';
import { turn } from '../../sockets/send-all.ts';
import type { Flow } from '../../sockets/recv-loop.ts';
import { LabError, pyLabError, type LabContext } from '../lab.ts';

/** What Python raises for a call on a socket that was closed. */
const closedSocket = (): PyError => toPyError(Object.assign(new Error('closed'), { code: 'EBADF' }));

/** Senders whose address arrays a socket keeps (see RecordedUdp.peer). */
const MAX_PEERS = 1024;

/** The most a UDP datagram over IPv4 carries: 65,535 − 8 (UDP header) − 20 (IP header). */
export const MAX_UDP4_PAYLOAD = 65_507;

export interface Reply {
  bytes: Uint8Array;
  detail?: DatagramDetail;
}

export interface UdpHooks {
  record(call: Call): void;
  /** Step mode: when given, each sendto and recvfrom waits for its step. */
  flow?: Flow;
  id: string;
  role: Role;
  bufsize(): number;
  /**
   * Called for each datagram, with the bytes recvfrom(BUF_SIZE) returned; returns more detail for
   * the recvfrom event and, optionally, a reply to send to the sender.
   */
  onDatagram?(kept: Buffer, from: Address): { detail?: DatagramDetail; reply?: Reply } | void;
}

export class RecordedUdp {
  private closed = false;
  /** Step mode's datagrams, oldest first, waiting for their recvfrom's step. */
  private readonly inbox: Array<{ msg: Buffer; from: Address }> = [];
  private dropped = 0;
  private readonly readKey = {};
  /**
   * One address array per sender, as a TCP socket's events share theirs: the event batch, the
   * pcapng flows and the page's lanes find an address by identity before they compare text.
   */
  private readonly peers = new Map<string, Map<number, Address>>();
  private peerCount = 0;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly local: Address,
    private readonly h: UdpHooks,
  ) {
    socket.on('message', (msg, rinfo) => this.arrived(msg, this.peer(rinfo.address, rinfo.port)));
    socket.on('error', (err) => this.h.record({ socket: h.id, role: h.role, op: 'recvfrom', local, remote: null, arg: h.bufsize(), error: toPyError(err) }));
  }

  /**
   * Creates the socket and binds it; `announce` records bind() (a server binds explicitly; a
   * Python client's socket is bound implicitly by its first sendto).
   */
  static async bind(host: string, port: number, h: UdpHooks, announce: boolean): Promise<RecordedUdp> {
    const socket = dgram.createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', ipv6Only: isIPv6(host) });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: host, port, exclusive: true }, () => {
        socket.off('error', reject);
        resolve();
      });
    }).catch((err: unknown) => {
      socket.close();
      throw err;
    });
    const a = socket.address();
    const local: Address = [a.address, a.port];
    if (announce) h.record({ socket: h.id, role: h.role, op: 'bind', local, remote: null });
    return new RecordedUdp(socket, local, h);
  }

  get id(): string {
    return this.h.id;
  }

  /** sendto(data, address): resolves to the Python error, if the kernel refused it. In step mode, nothing is sent before its step. */
  async sendto(data: Uint8Array, to: Address, detail?: DatagramDetail): Promise<PyError | null> {
    const flow = this.h.flow;
    if (flow?.stepping && !this.closed && !(await turn(flow, this.socket, { socket: this.h.id, op: 'sendto', arg: data.length, waiting: 0 }))) {
      return closedSocket();
    }
    return new Promise((resolve) => {
      if (this.closed) return resolve(closedSocket());
      const done = (err: Error | null) => {
        const error = err ? toPyError(err) : null;
        if (error && to[1] === 0) {
          error.hint =
            'The datagram came from port 0, which no socket can be bound to, so there is nowhere to send a reply: ' +
            'Linux refuses sendto() to port 0. Only a raw socket can forge such a datagram.';
        }
        if (error && data.length > MAX_UDP4_PAYLOAD) {
          error.hint = `A UDP datagram carries at most ${MAX_UDP4_PAYLOAD.toLocaleString('en')} bytes over IPv4 (65,535 − 8-byte UDP header − 20-byte IP header); this one has ${data.length.toLocaleString('en')}. Split the data, or use TCP.`;
        }
        this.h.record({
          socket: this.h.id,
          role: this.h.role,
          op: 'sendto',
          local: this.local,
          remote: to,
          data,
          ...(detail ? { datagram: detail } : {}),
          ...(error ? { error } : {}),
        });
        resolve(error);
      };
      // Port 0 is what Python's sendto meets as EINVAL; Node would throw ERR_SOCKET_BAD_PORT
      // synchronously instead, out of the 'message' handler and the bridge.
      if (to[1] === 0) return done(Object.assign(new Error('port 0'), { code: 'EINVAL' }));
      try {
        this.socket.send(data, to[1], to[0], done);
      } catch (err) {
        done(err as Error);
      }
    });
  }

  /** recvfrom() under settimeout(): no datagram came in time, so Python raises TimeoutError. */
  recordTimeout(n: number): void {
    this.h.record({ socket: this.h.id, role: this.h.role, op: 'recvfrom', local: this.local, remote: null, arg: n, error: { name: 'TimeoutError', message: 'timed out' } });
  }

  close(record = true): void {
    if (this.closed) return;
    this.closed = true;
    this.inbox.length = 0;
    this.h.flow?.release?.(this.readKey);
    this.socket.close();
    if (record) this.h.record({ socket: this.h.id, role: this.h.role, op: 'close', local: this.local, remote: null });
  }

  private peer(host: string, port: number): Address {
    let ports = this.peers.get(host);
    let a = ports?.get(port);
    if (a) return a;
    // Bounded: a sender spraying from many ports gets fresh arrays past the cap, not memory.
    if (this.peerCount >= MAX_PEERS) {
      this.peers.clear();
      this.peerCount = 0;
      ports = undefined;
    }
    if (!ports) this.peers.set(host, (ports = new Map()));
    ports.set(port, (a = [host, port]));
    this.peerCount++;
    return a;
  }

  private arrived(msg: Buffer, from: Address): void {
    if (this.closed) return;
    const flow = this.h.flow;
    // Once one datagram waits, later ones queue behind it even in run mode, so order is kept.
    if (!flow?.acquire || (!flow.stepping && this.inbox.length === 0)) return this.received(msg, from);
    if (this.inbox.length >= MAX_HELD_DATAGRAMS) this.dropped++;
    else this.inbox.push({ msg, from });
    // Asking again while held refreshes what the page shows (queued, dropped); the wait keeps its place.
    this.deliverHeld();
  }

  /** Hands queued datagrams to recvfrom, each once its step is granted (all of them in run mode). */
  private readonly deliverHeld = (): void => {
    const flow = this.h.flow!;
    for (let head = this.inbox[0]; head && !this.closed; head = this.inbox[0]) {
      const describe = () => ({
        socket: this.h.id,
        op: 'recvfrom',
        arg: this.h.bufsize(),
        waiting: head.msg.length,
        datagrams: { queued: this.inbox.length, dropped: this.dropped },
      });
      if (!flow.acquire!(this.readKey, describe, this.deliverHeld)) return;
      this.inbox.shift();
      this.received(head.msg, head.from);
    }
  };

  private received(msg: Buffer, from: Address): void {
    if (this.closed) return;
    const n = this.h.bufsize();
    // Node's dgram hands over whole datagrams; recvfrom(n) on Linux returns the first n bytes and
    // discards the rest, so the lab makes that cut itself, and the event says it did.
    const kept = msg.length > n ? msg.subarray(0, n) : msg;
    const handled = this.h.onDatagram?.(kept, from) ?? {};
    const detail: DatagramDetail = { ...handled.detail };
    if (msg.length > n) detail.truncated = { full: msg.length, kept: n };
    this.h.record({
      socket: this.h.id,
      role: this.h.role,
      op: 'recvfrom',
      local: this.local,
      remote: from,
      data: kept,
      ...(kept !== msg ? { wire: msg } : {}),
      arg: n,
      ...(Object.keys(detail).length > 0 ? { datagram: detail } : {}),
    });
    if (handled.reply) void this.sendto(handled.reply.bytes, from, handled.reply.detail);
  }
}

/**
 * A lab server's `sock.bind((host, port))`: loopback only; a failed bind is recorded as the
 * Python error it would be and refused with it.
 */
export async function bindLabServer(ctx: LabContext, host: string, port: number, hooks: Pick<UdpHooks, 'bufsize' | 'onDatagram'>): Promise<RecordedUdp> {
  if (!isLoopbackHost(host)) throw new LabError('not-loopback', notLoopbackMessage(host));
  const address = loopbackAddress(host);
  const id = ctx.nextId('server');
  try {
    return await RecordedUdp.bind(address, port, { record: ctx.record, flow: ctx.flow, id, role: 'server', ...hooks }, true);
  } catch (err) {
    const error = toPyError(err);
    ctx.record({ socket: id, role: 'server', op: 'bind', local: [address, port], remote: null, error });
    throw pyLabError(error);
  }
}
