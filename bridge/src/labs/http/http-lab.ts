// The HTTP lab (seed 002): the web server and web client the seed has students write on raw
// sockets (programs/), run traced. curl and the browser reach the same server; the page marks
// each request's and response's lines in the bytes (framing's markHttp, on the page's side).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNever, type HttpCommand, type HttpState } from '@socket-lab/protocol';
import { LabError, type Lab, type LabContext } from '../lab.ts';
import type { RunningProgram } from '../programs/runner.ts';
import { ServerProgram } from '../programs/served-program.ts';
import { TracedPrograms } from '../programs/traced-programs.ts';

const PROGRAMS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs');
export const HTTP_SERVER = path.join(PROGRAMS, 'http_server.py');
export const HTTP_CLIENT = path.join(PROGRAMS, 'http_client.py');
/** Client runs one page may have going at once. */
const MAX_CLIENTS = 8;

export class HttpLab implements Lab<'http'> {
  private readonly traced: TracedPrograms;
  private readonly server: ServerProgram;
  private readonly clients = new Set<RunningProgram>();

  constructor(
    private readonly ctx: LabContext,
    private readonly python = 'python3',
  ) {
    this.traced = new TracedPrograms(ctx);
    this.server = new ServerProgram(this.traced, HTTP_SERVER, python, () => ctx.publish());
  }

  state(): HttpState {
    return { server: this.server.view(), clients: this.clients.size };
  }

  async handle(command: HttpCommand): Promise<void> {
    switch (command.op) {
      case 'start':
        return this.server.start(command.port);
      case 'stop':
        this.stop();
        this.ctx.publish();
        return;
      case 'request':
        return this.request(command);
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.stop();
    this.traced.close();
  }

  private stop(): void {
    for (const c of this.clients) c.stop();
    this.clients.clear();
    this.server.stop();
  }

  /** One run of http_client.py; resolves when it has started (its output and calls follow as events). */
  private async request(c: Extract<HttpCommand, { op: 'request' }>): Promise<void> {
    const port = this.server.listeningPort();
    if (this.clients.size >= MAX_CLIENTS) throw new LabError('lab-error', `at most ${MAX_CLIENTS} client runs at once: wait for one to finish`);
    const args = [String(port), c.method, c.path, ...(c.body || c.method === 'POST' ? [c.body] : []), ...(c.oneByte ? ['--one-byte'] : [])];
    let proc: RunningProgram | null = null;
    proc = await this.traced.start({
      argv: [this.python, HTTP_CLIENT, ...args],
      cwd: PROGRAMS,
      stdin: '',
      exit: () => {
        if (proc && this.clients.delete(proc)) this.ctx.publish();
      },
    });
    if (!proc) throw new LabError('lab-error', 'the lab closed');
    // It may have ended already (a Python that is missing): its exit came before this line.
    if (proc.pid !== null) this.clients.add(proc);
    this.ctx.publish();
  }
}
