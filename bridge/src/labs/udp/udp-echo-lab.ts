// UDP echo lab (seeds 000, 001): recvfrom/sendto with address tuples, the seed's print line, the
// BUF_SIZE cut, the 65,507-byte limit, the TCP-vs-UDP boundaries, and the impairment relay.
import { isIPv6 } from 'node:net';
import type { Address, Boundaries, Multicast, UdpEchoCommand, UdpEchoState } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { decodeUtf8, describeUtf8Error } from '@socket-lab/framing';
import { InFlight, LabError, pyLabError, type Lab, type LabContext } from '../lab.ts';
import { compareBoundaries } from './boundaries.ts';
import { multicastDemo } from './multicast.ts';
import { bindLabServer, RecordedUdp } from './recorded-udp.ts';
import { Relay } from './relay.ts';

export class UdpEchoLab implements Lab<'udp-echo'> {
  private bufsize: number;
  private server: RecordedUdp | null = null;
  private client: RecordedUdp | null = null;
  private relay: Relay | null = null;
  private boundaries: Boundaries | null = null;
  private multicast: Multicast | null = null;
  /** Commands run concurrently: what is still opening is shared or refused, never opened twice. */
  private readonly starting = new InFlight();
  private readonly relayStarting = new InFlight();
  private clientOpening: Promise<RecordedUdp> | null = null;

  constructor(
    private readonly ctx: LabContext,
    options: { bufsize?: number } = {},
  ) {
    this.bufsize = options.bufsize ?? 1024;
  }

  get address(): Address | null {
    return this.server?.local ?? null;
  }

  state(): UdpEchoState {
    const r = this.relay;
    return {
      bufsize: this.bufsize,
      server: this.server ? { socket: this.server.id, local: this.server.local } : null,
      client: this.client ? { socket: this.client.id, local: this.client.local } : null,
      relay: r ? { socket: r.id, local: r.local, impairment: r.impairment, counts: { ...r.counts } } : null,
      boundaries: this.boundaries,
      multicast: this.multicast,
    };
  }

  async handle(command: UdpEchoCommand): Promise<void> {
    switch (command.op) {
      case 'start-server':
        return this.start(command.host, command.port);
      case 'stop-server':
        if (!this.server) throw new LabError('lab-error', 'the server is not running');
        this.relay?.stop();
        this.relay = null;
        this.server.close();
        this.server = null;
        this.ctx.publish();
        return;
      case 'set-bufsize':
        this.bufsize = command.bufsize;
        this.ctx.publish();
        return;
      case 'sendto':
        return this.send(Buffer.from(command.hex, 'hex'));
      case 'compare-boundaries':
        this.boundaries = await compareBoundaries(command.messages, { record: this.ctx.record, nextId: this.ctx.nextId });
        this.ctx.publish();
        return;
      case 'relay-start': {
        const server = this.server;
        if (!server) throw new LabError('lab-error', 'start the server first: the relay forwards to it');
        if (this.relayStarting.count > 0) throw new LabError('lab-error', 'the relay is already starting');
        this.relay?.stop();
        this.relay = null;
        const relay = await this.relayStarting.run(() =>
          Relay.start(server.local[0], server.local, command.impairment, {
            record: this.ctx.record,
            id: this.ctx.nextId('relay'),
            changed: () => this.ctx.publish(),
          }),
        );
        // The server may have stopped (or the page gone) while the relay opened.
        if (this.server !== server) {
          relay.stop();
          throw new LabError('lab-error', 'the server stopped while the relay was starting');
        }
        this.relay = relay;
        this.ctx.publish();
        return;
      }
      case 'multicast':
        this.multicast = await multicastDemo(command.group, command.text, { record: this.ctx.record, nextId: this.ctx.nextId });
        this.ctx.publish();
        return;
      case 'relay-stop':
        this.relay?.stop();
        this.relay = null;
        this.ctx.publish();
        return;
      default:
        return assertNever(command);
    }
  }

  /** The client's socket, bound by its first sendto; sends in flight together share the one bind. */
  private async openClient(family: string): Promise<RecordedUdp> {
    this.clientOpening ??= RecordedUdp.bind(family, 0, { record: this.ctx.record, flow: this.ctx.flow, id: this.ctx.nextId('client'), role: 'client', bufsize: () => this.bufsize }, false);
    try {
      const client = await this.clientOpening;
      if (this.client !== client) {
        this.client = client;
        this.ctx.publish();
      }
      return client;
    } finally {
      this.clientOpening = null;
    }
  }

  close(): void {
    void this.clientOpening?.then((c) => c.close(false), () => {});
    this.relay?.stop();
    this.server?.close(false);
    this.client?.close(false);
    this.relay = null;
    this.server = null;
    this.client = null;
  }

  private async start(host: string, port: number): Promise<void> {
    if (this.server) throw new LabError('lab-error', 'the server is already running; stop it first');
    if (this.starting.count > 0) throw new LabError('lab-error', 'the server is already starting');
    this.server = await this.starting.run(() => this.bind(host, port));
    this.ctx.publish();
  }

  private bind(host: string, port: number): Promise<RecordedUdp> {
    return bindLabServer(this.ctx, host, port, {
      bufsize: () => this.bufsize,
      onDatagram: (kept, from) => {
        const text = decodeUtf8(kept);
        // The seed's server prints this line and sends the bytes back.
        const print = text.ok ? `IP: ${from[0]} Port: ${from[1]} Message: ${text.text}` : `UnicodeDecodeError: ${describeUtf8Error(text)}`;
        return { detail: { print }, reply: { bytes: Buffer.from(kept) } };
      },
    });
  }

  private async send(bytes: Buffer): Promise<void> {
    if (!this.server) throw new LabError('lab-error', 'start the server first');
    const server = this.server.local;
    const client = this.client ?? (await this.openClient(isIPv6(server[0]) ? '::1' : '127.0.0.1'));
    const to = this.relay ? this.relay.local : server;
    const error = await client.sendto(bytes, to);
    if (error) throw pyLabError(error);
  }
}
