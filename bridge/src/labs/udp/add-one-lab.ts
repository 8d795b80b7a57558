// Add-one lab (seed 001): the client sends struct.pack('!h', n); the server unpacks, adds 1,
// packs and replies. At 32767 the sum does not fit '!h': the server says so and sends nothing,
// and the client's recvfrom times out, because UDP has no way to carry the failure back.
import type { AddOneCommand, AddOneState, Address } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { packInt16, StructError, unpackInt16 } from '@socket-lab/bytes';
import { formatPyError } from '../../python-errors.ts';
import { InFlight, LabError, type Lab, type LabContext } from '../lab.ts';
import { stepAwareTimeout } from '../../sockets/recv-loop.ts';
import { bindLabServer, RecordedUdp } from './recorded-udp.ts';

const BUF_SIZE = 1024;
/** The client's sock.settimeout(2.0). */
export const REPLY_TIMEOUT_MS = 2000;

export class AddOneLab implements Lab<'add-one'> {
  private server: RecordedUdp | null = null;
  private client: RecordedUdp | null = null;
  private last: AddOneState['last'] = null;
  private waiter: ((reply: number | null) => void) | null = null;
  private readonly starting = new InFlight();
  /** One exchange at a time, from the first check on, since the client binds before it sends. */
  private readonly sending = new InFlight();

  constructor(private readonly ctx: LabContext) {}

  get address(): Address | null {
    return this.server?.local ?? null;
  }

  state(): AddOneState {
    return {
      server: this.server ? { socket: this.server.id, local: this.server.local } : null,
      client: this.client ? { socket: this.client.id, local: this.client.local } : null,
      last: this.last,
    };
  }

  async handle(command: AddOneCommand): Promise<void> {
    switch (command.op) {
      case 'start-server':
        return this.start(command.host, command.port);
      case 'stop-server':
        if (!this.server) throw new LabError('lab-error', 'the server is not running');
        this.server.close();
        this.server = null;
        this.ctx.publish();
        return;
      case 'send':
        return this.send(command.value);
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.server?.close(false);
    this.client?.close(false);
    this.server = null;
    this.client = null;
  }

  private async start(host: string, port: number): Promise<void> {
    if (this.server) throw new LabError('lab-error', 'the server is already running; stop it first');
    // Commands run concurrently: a second start while the first binds must not open a second server.
    if (this.starting.count > 0) throw new LabError('lab-error', 'the server is already starting');
    this.server = await this.starting.run(() => bindLabServer(this.ctx, host, port, { bufsize: () => BUF_SIZE, onDatagram: (kept) => serve(kept) }));
    this.ctx.publish();
  }

  private async send(value: number): Promise<void> {
    // The server as it is now: a stop-server may run while this send awaits.
    const server = this.server;
    if (!server) throw new LabError('lab-error', 'start the server first');
    let bytes: Uint8Array;
    try {
      bytes = packInt16(value);
    } catch (e) {
      // Python raises here, before any socket call: nothing is sent.
      this.last = { value, reply: null, note: `struct.pack('!h', ${value}) raised struct.error: ${(e as Error).message}; nothing was sent` };
      this.ctx.publish();
      throw new LabError('lab-error', `struct.error: ${(e as Error).message} (struct.pack('!h', ${value}) fails before anything is sent)`);
    }
    if (this.waiter || this.sending.count > 0) throw new LabError('lab-error', 'the client is still waiting for the previous reply');
    await this.sending.run(() => this.exchange(server, value, bytes));
  }

  private async exchange(server: RecordedUdp, value: number, bytes: Uint8Array): Promise<void> {
    if (!this.client) {
      this.client = await RecordedUdp.bind(
        '127.0.0.1',
        0,
        {
          record: this.ctx.record,
          flow: this.ctx.flow,
          id: this.ctx.nextId('client'),
          role: 'client',
          bufsize: () => BUF_SIZE,
          onDatagram: (kept) => {
            let reply: number | null = null;
            try {
              reply = unpackInt16(kept);
            } catch {
              reply = null;
            }
            this.waiter?.(reply);
            return reply === null ? {} : { detail: { addOne: { value: reply } } };
          },
        },
        false,
      );
    }
    const client = this.client;
    this.last = { value, reply: null, note: 'waiting for the reply' };
    let settle: (reply: number | null) => void = () => {};
    const reply = new Promise<number | null>((resolve) => {
      const cancel = stepAwareTimeout(this.ctx.flow, REPLY_TIMEOUT_MS, () => {
        this.waiter = null;
        client.recordTimeout(BUF_SIZE);
        resolve(null);
      });
      settle = (r) => {
        cancel();
        this.waiter = null;
        resolve(r);
      };
      this.waiter = settle;
    });
    const error = await client.sendto(bytes, server.local, { packed: { format: '!h', value } });
    if (error) {
      settle(null);
      throw new LabError('lab-error', formatPyError(error));
    }
    this.ctx.publish();
    const got = await reply;
    this.last =
      got === null
        ? { value, reply: null, note: `no reply within ${REPLY_TIMEOUT_MS / 1000} s: recvfrom raised TimeoutError: timed out` }
        : { value, reply: got, note: `${value} + 1 = ${got}` };
    this.ctx.publish();
  }
}

/** The add-one server's work on one datagram: unpack '!h', add 1, pack, reply. */
function serve(kept: Buffer) {
  let value: number;
  try {
    value = unpackInt16(kept);
  } catch (e) {
    return { detail: { structError: `struct.unpack('!h', data) raised struct.error: ${(e as StructError).message}` } };
  }
  const result = value + 1;
  try {
    const bytes = packInt16(result);
    return { detail: { addOne: { value, result } }, reply: { bytes, detail: { packed: { format: '!h', value: result } } } };
  } catch (e) {
    return {
      detail: {
        addOne: { value },
        structError: `struct.pack('!h', ${result}) raised struct.error: ${(e as StructError).message}; the server skips the reply`,
      },
    };
  }
}
