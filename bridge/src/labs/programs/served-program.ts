// A Python server program a lab runs traced (the chat server, the web server): started on a port,
// ready once the kernel lists it listening there, and a sentence for each way it cannot be.
import path from 'node:path';
import type { ServerProgramView } from '@socket-lab/protocol';
import { tcpRows } from '../../kernel/kernel-view.ts';
import { LabError } from '../lab.ts';
import type { RunningProgram } from './runner.ts';
import type { TracedPrograms } from './traced-programs.ts';
import { freePort, until } from './waits.ts';

/** How long a server program may take to listen on a busy machine. */
const LISTEN_MS = 20_000;

export const portInUse = (port: number) =>
  `port ${port} is in use (another program listens there): OSError: [Errno 98] Address already in use. Choose another port`;

const listens = (port: number) => tcpRows().some((r) => r.local[1] === port && r.state === 'LISTEN');

/**
 * Starts `program args` traced and resolves once /proc shows it listening on `port`. Rejects with
 * a LabError the page shows as is: the port taken before it started (another program's LISTEN
 * would pass for its own), or the program gone or silent first. `exit` is told whenever it ends.
 */
export async function startServerProgram(
  traced: TracedPrograms,
  o: { python: string; program: string; args: string[]; port: number; exit(code: number | null, signal: string | null): void },
): Promise<RunningProgram> {
  const name = path.basename(o.program);
  if (listens(o.port)) throw new LabError('lab-error', portInUse(o.port));
  let ended!: (why: string) => void;
  const gone = new Promise<string>((resolve) => (ended = resolve));
  const proc = await traced.start({
    argv: [o.python, o.program, ...o.args],
    cwd: path.dirname(o.program),
    stdin: '',
    exit: (code, signal) => {
      ended(`${name} ended (${signal ?? `exit status ${code}`}) before it listened on port ${o.port}: see its traceback`);
      o.exit(code, signal);
    },
  });
  if (!proc) throw new LabError('lab-error', 'the lab closed');
  const listening = until(() => listens(o.port), LISTEN_MS, `${name} did not listen on port ${o.port} within ${LISTEN_MS / 1000} s: see its output`).then(
    () => null,
    (err: Error) => err.message,
  );
  const why = await Promise.race([listening, gone]);
  if (why !== null) {
    proc.stop();
    throw new LabError('lab-error', why);
  }
  return proc;
}

/**
 * A lab's one server program: started on a port (0: a free one), its status as it goes, ended
 * by stop(). A program that ends while serving is `failed`, with why.
 */
export class ServerProgram {
  private current: (ServerProgramView & { proc: RunningProgram | null }) | null = null;

  constructor(
    private readonly traced: TracedPrograms,
    private readonly program: string,
    private readonly python: string,
    private readonly publish: () => void,
  ) {}

  view(): ServerProgramView | null {
    const s = this.current;
    return s && { port: s.port, local: s.local, status: s.status, error: s.error };
  }

  /** The port it listens on, or a LabError naming what to do first. */
  listeningPort(): number {
    if (this.current?.status !== 'listening') throw new LabError('lab-error', `start the server first: ${path.basename(this.program)} is not listening`);
    return this.current.port;
  }

  async start(requested: number): Promise<void> {
    const name = path.basename(this.program);
    if (this.current && this.current.status !== 'failed') throw new LabError('lab-error', `${name} is already ${this.current.status} on port ${this.current.port}; stop it first`);
    const port = requested === 0 ? await freePort() : requested;
    const server: ServerProgramView & { proc: RunningProgram | null } = { port, local: ['127.0.0.1', port], status: 'starting', error: null, proc: null };
    this.current = server;
    this.publish();
    try {
      server.proc = await startServerProgram(this.traced, {
        python: this.python,
        program: this.program,
        args: [String(port)],
        port,
        exit: (code, signal) => {
          // Ended while serving (a crash, or killed from outside): its clients see EOF.
          if (this.current !== server || server.status !== 'listening') return;
          server.status = 'failed';
          server.error = `${name} ended (${signal ?? `exit status ${code}`}): see the console`;
          this.publish();
        },
      });
      if (this.current !== server) return server.proc.stop();
      server.status = 'listening';
    } catch (err) {
      if (this.current === server) {
        server.status = 'failed';
        server.error = (err as Error).message;
      }
      this.publish();
      throw err;
    }
    this.publish();
  }

  stop(): void {
    this.current?.proc?.stop();
    this.current = null;
  }
}
