// Length-prefix lab (seed 004): the framed server, buffered clients, and the grader, on real sockets.
import type { GradeReport, LengthPrefixCommand, LengthPrefixState, PyError, SubmissionReport } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';
import { DEFAULT_MAX_FRAME } from '@socket-lab/framing';
import { formatPyError, toPyError } from '../../python-errors.ts';
import { isLoopbackHost, loopbackAddress, notLoopbackMessage } from '../../security.ts';
import { InFlight, LabError, pyLabError, type Lab, type LabContext } from '../lab.ts';
import { BufferedClient } from './buffered-client.ts';
import { FramedServer } from './framed-server.ts';
import { grade } from './grader.ts';
import { PageGrades } from './submission/page-grades.ts';

/** Clients one page may hold open at once. */
const MAX_CLIENTS = 32;

export class LengthPrefixLab implements Lab<'length-prefix'> {
  private bufsize: number;
  private maxFrame: number;
  private server: FramedServer | null = null;
  private readonly clients = new Map<string, BufferedClient>();
  private grading = false;
  /** Commands run concurrently: a start or connect still opening counts, so a second cannot slip past the checks. */
  private readonly starting = new InFlight();
  private readonly connecting = new InFlight();
  private report: GradeReport | null = null;
  private progress: { current: string; index: number; total: number } | null = null;

  constructor(
    private readonly ctx: LabContext,
    options: { bufsize?: number; maxFrame?: number; programs?: string; grades?: SubmissionReport[] } = {},
  ) {
    this.bufsize = options.bufsize ?? 1024;
    this.maxFrame = options.maxFrame ?? DEFAULT_MAX_FRAME;
    this.grades = new PageGrades(options.programs ?? null, options.grades ?? [], () => ctx.publish());
  }

  /** Students' folders graded from the page, and a report opened with `lab report`. */
  private readonly grades: PageGrades;

  state(): LengthPrefixState {
    const s = this.server;
    return {
      bufsize: this.bufsize,
      maxFrame: this.maxFrame,
      server: s && !s.isFinished ? { socket: s.id, local: s.local, stopping: s.isStopping } : null,
      serving: s?.serving ?? null,
      waiting: (s?.waitingRemotes ?? []).map((remote) => ({ remote })),
      clients: [...this.clients].map(([socket, c]) => ({ socket, local: c.local, remote: c.remote, waitingForReply: c.waitingForReply })),
      grade: { running: this.grading, report: this.report, progress: this.progress },
      submissions: this.grades.state(),
    };
  }

  /** The listening address, once started. */
  get address() {
    return this.server?.local ?? null;
  }

  async handle(command: LengthPrefixCommand): Promise<void> {
    switch (command.op) {
      case 'start-server':
        return this.start(command.host, command.port, command.maxFrame);
      case 'stop-server':
        if (!this.server || this.server.isStopping) throw new LabError('lab-error', 'the server is not running');
        this.server.stop();
        return;
      case 'set-bufsize':
        this.bufsize = command.bufsize;
        this.ctx.publish();
        return;
      case 'connect':
        return this.connect(command.host, command.port);
      case 'send-message':
        return this.check(await this.client(command.socket).sendMessage(command.text));
      case 'send-raw':
        return this.check(await this.client(command.socket).sendRaw(Buffer.from(command.hex, 'hex')));
      case 'receive-message': {
        const c = this.client(command.socket);
        const pending = c.receiveMessage();
        this.ctx.publish();
        await pending;
        this.ctx.publish();
        return;
      }
      case 'shutdown': {
        this.client(command.socket).shutdown();
        this.clients.delete(command.socket);
        this.ctx.publish();
        return;
      }
      case 'grade':
        return this.runGrade(command.target);
      case 'grade-folder':
        return this.grades.grade(command.folder, { bufsize: this.bufsize, maxFrame: this.maxFrame });
      case 'list':
        this.ctx.publish();
        return;
      case 'show-report':
        return this.grades.show(command.index);
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.server?.destroy();
    this.server = null;
    for (const c of this.clients.values()) c.shutdown();
    this.clients.clear();
  }

  private async start(host: string, port: number, maxFrame?: number): Promise<void> {
    if (!isLoopbackHost(host)) throw new LabError('not-loopback', notLoopbackMessage(host));
    if (this.server && !this.server.isFinished) throw new LabError('lab-error', 'the server is already running; stop it first');
    if (this.starting.count > 0) throw new LabError('lab-error', 'the server is already starting');
    await this.starting.run(() => this.listen(host, port, maxFrame));
  }

  private async listen(host: string, port: number, maxFrame?: number): Promise<void> {
    if (maxFrame !== undefined) this.maxFrame = maxFrame;
    const address = loopbackAddress(host);
    try {
      this.server = await FramedServer.listen(address, port, this.maxFrame, {
        record: this.ctx.record,
        flow: this.ctx.flow,
        nextId: this.ctx.nextId,
        bufsize: () => this.bufsize,
        changed: () => this.ctx.publish(),
      });
    } catch (err) {
      const error = toPyError(err);
      this.ctx.record({ socket: this.ctx.nextId('server'), role: 'server', op: 'bind', local: [address, port], remote: null, error });
      throw pyLabError(error);
    }
    this.ctx.publish();
  }

  private async connect(host: string, port: number): Promise<void> {
    if (!isLoopbackHost(host)) throw new LabError('not-loopback', notLoopbackMessage(host));
    if (this.clients.size + this.connecting.count >= MAX_CLIENTS) throw new LabError('lab-error', `at most ${MAX_CLIENTS} clients at once: shut one down first`);
    await this.connecting.run(() => this.open(host, port));
  }

  private async open(host: string, port: number): Promise<void> {
    const id = this.ctx.nextId('client');
    try {
      const client = await BufferedClient.connect(loopbackAddress(host), port, {
        record: this.ctx.record,
        bufsize: () => this.bufsize,
        maxFrame: this.maxFrame,
        id,
        flow: this.ctx.flow,
      });
      this.clients.set(id, client);
    } catch (err) {
      const e = err as PyError;
      throw pyLabError(e);
    }
    this.ctx.publish();
  }

  private async runGrade(target: { host: string; port: number } | null): Promise<void> {
    if (this.grading) throw new LabError('lab-error', 'a grader run is already in progress');
    if (target && !isLoopbackHost(target.host)) throw new LabError('not-loopback', notLoopbackMessage(target.host));
    const own = target === null;
    if (own && (!this.server || this.server.isStopping)) throw new LabError('lab-error', 'start the lab\u2019s server first, or give a target host:port');
    const busy = own ? this.server!.serving : null;
    if (busy) {
      // A one-client-at-a-time server would leave every grader connection in the backlog.
      throw new LabError(
        'lab-error',
        `the server is serving ${busy.remote[0]}:${busy.remote[1]} and serves one client at a time: shut that client down first, or every test would wait in the backlog`,
      );
    }
    const [host, port] = own ? this.server!.local : [loopbackAddress(target.host), target.port];
    this.grading = true;
    this.ctx.publish();
    try {
      this.report = await grade({
        host,
        port,
        bufsize: this.bufsize,
        maxFrame: this.maxFrame,
        record: this.ctx.record,
        nextId: () => this.ctx.nextId('client'),
        ...(own ? { stopServer: () => this.server?.stop() } : {}),
        progress: (current, index, total, report) => {
          this.progress = { current, index, total };
          this.report = report;
          this.ctx.publish();
        },
      });
      this.progress = null;
      // The shutdown test stopped the lab's own server: start it again where it was, so grading
      // never leaves the lab without its server (the page shows the new bind and listen).
      const stopped = own ? this.server : null;
      if (stopped?.isStopping) {
        await stopped.listenerClosed;
        if (this.server === stopped) await this.listen(host, port).catch(() => {}); // a failed bind is recorded as Python's error
      }
    } finally {
      this.grading = false;
      this.progress = null;
      this.ctx.publish();
    }
  }

  private client(id: string): BufferedClient {
    const c = this.clients.get(id);
    if (!c || !c.isOpen) throw new LabError('not-found', `no open client ${JSON.stringify(id)} (it may have been shut down)`);
    return c;
  }

  private check(error: PyError | null): void {
    if (error) throw new LabError('lab-error', formatPyError(error));
  }
}
