// The Server styles lab: one echo service (each request answered after a second of work), four
// Python servers as seeds 001 and 003 write them (programs/), and three clients started at once,
// all traced as the Programs lab traces them. What the room compares is in the lanes (who waits
// for whom) and in the clients' own timings; a forking server's children are read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNever, SERVER_STYLES, type ServersCommand, type ServersState, type ServerStyle, type StyleClient } from '@socket-lab/protocol';
import { tcpRows } from '../../kernel/kernel-view.ts';
import type { Call } from '../../recorder.ts';
import type { Lab, LabContext } from '../lab.ts';
import type { RunningProgram } from '../programs/runner.ts';
import { TracedPrograms } from '../programs/traced-programs.ts';
import { freePort, until } from '../programs/waits.ts';

export const SERVERS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs');
export const CLIENT_NAMES = ['A', 'B', 'C'];
/** How often a forking server's children are looked up in /proc while it runs. */
const CHILDREN_MS = 250;

const CLIENT_LINE = /^([A-C]): connect ([\d.]+) ms, reply (.*) after ([\d.]+) ms$/;

export class ServersLab implements Lab<'servers'> {
  private readonly traced: TracedPrograms;
  private current: ServersState['current'] = null;
  private comparison: ServersState['comparison'] = [];
  private comparing = false;
  private procs: RunningProgram[] = [];
  private server: number | null = null;
  /** Client pids whose exit event is still to come, and what each run waits on. */
  private exits = new Map<number, () => void>();
  private childTimer: NodeJS.Timeout | null = null;
  private generation = 0;
  /** Bumped by each comparison and each Stop: a comparison that was replaced stops where it is. */
  private comparisonRun = 0;

  constructor(
    private readonly ctx: LabContext,
    private readonly python = 'python3',
  ) {
    this.traced = new TracedPrograms({
      ...ctx,
      record: (call) => {
        const seq = ctx.record(call);
        this.seen(call);
        return seq;
      },
    });
  }

  state(): ServersState {
    return { current: this.current, comparison: this.comparison, comparing: this.comparing };
  }

  async handle(command: ServersCommand): Promise<void> {
    switch (command.op) {
      case 'run':
        this.comparisonRun++;
        void this.run(command.style, command.sigIgn);
        return;
      case 'compare':
        void this.compare();
        return;
      case 'stop':
        this.comparisonRun++;
        this.stopAll();
        if (this.current?.status === 'running') this.current = { ...this.current, status: 'failed', error: 'stopped' };
        this.ctx.publish();
        return;
      default:
        return assertNever(command);
    }
  }

  close(): void {
    this.stopAll();
    this.traced.close();
  }

  /** The same three clients against each style in turn; each server is stopped before the next. */
  async compare(): Promise<void> {
    const mine = ++this.comparisonRun;
    this.stopAll();
    this.comparing = true;
    this.comparison = [];
    this.ctx.publish();
    for (const style of SERVER_STYLES) {
      await this.run(style, false, true);
      if (mine !== this.comparisonRun) return;
      if (this.current?.status !== 'done') break;
      this.comparison = [...this.comparison, { style, clients: this.current.clients }];
      this.ctx.publish();
    }
    this.stopAll();
    this.ctx.publish();
  }

  /**
   * Starts the style's server on a fresh port, waits until the kernel lists it listening, then
   * starts the three clients at once; resolves when all three have exited. The server keeps
   * serving (and a forking one's zombies stay) until Stop or the next run.
   */
  async run(style: ServerStyle, sigIgn = false, inComparison = false): Promise<void> {
    this.stopAll(inComparison);
    const generation = ++this.generation;
    const port = await freePort();
    this.current = { style, sigIgn: style === 'forking' && sigIgn, status: 'running', port, clients: [], children: [], error: null };
    this.ctx.publish();
    try {
      const args = [String(port), ...(style === 'forking' && sigIgn ? ['--sig-ign'] : [])];
      const server = await this.start(`${style}_server.py`, args);
      this.server = server.pid;
      await until(() => tcpRows().some((r) => r.local[1] === port && r.state === 'LISTEN'), 20_000, `${style}_server.py did not listen on port ${port} within 20 s: see its output`);
      if (generation !== this.generation) return;
      if (style === 'forking') this.watchChildren(generation);
      const clients = await Promise.all(CLIENT_NAMES.map((name) => this.start('styles_client.py', [String(port), name])));
      await Promise.all(clients.map((c) => c.exited));
      if (generation !== this.generation) return;
      const missing = CLIENT_NAMES.filter((n) => !this.current!.clients.some((c) => c.name === n));
      this.current = { ...this.current!, status: missing.length ? 'failed' : 'done', error: missing.length ? `no reply for client ${missing.join(', ')}: see the console` : null };
      this.refreshChildren();
    } catch (err) {
      if (generation === this.generation && this.current) this.current = { ...this.current, status: 'failed', error: (err as Error).message };
    }
    this.ctx.publish();
  }

  private async start(program: string, args: string[]): Promise<{ pid: number | null; exited: Promise<void> }> {
    let done!: () => void;
    const exited = new Promise<void>((resolve) => (done = resolve));
    const proc = await this.traced.start({
      argv: [this.python, path.join(SERVERS_DIR, program), ...args],
      cwd: SERVERS_DIR,
      stdin: '',
      exit: () => proc?.pid === null && done(),
    });
    if (!proc) throw new Error('the lab closed');
    if (proc.pid === null) done();
    else this.exits.set(proc.pid, done);
    this.procs.push(proc);
    return { pid: proc.pid, exited };
  }

  private seen(call: Call): void {
    const pid = call.program?.pid;
    if (pid === undefined) return;
    if (call.op === 'exit') {
      this.exits.get(pid)?.();
      this.exits.delete(pid);
    }
    const m = call.op === 'output' ? CLIENT_LINE.exec(call.program?.output?.text ?? '') : null;
    if (m && this.current) {
      const client: StyleClient = { name: m[1]!, connectMs: Number(m[2]), reply: m[3]!, replyMs: Number(m[4]) };
      this.current = { ...this.current, clients: [...this.current.clients.filter((c) => c.name !== client.name), client].sort((a, b) => a.name.localeCompare(b.name)) };
      this.ctx.publish();
    }
  }

  /** A forking server's children, from /proc, while it runs: a child that exited unreaped is Z. */
  private watchChildren(generation: number): void {
    const tick = () => {
      if (generation !== this.generation) return;
      this.refreshChildren();
      this.childTimer = setTimeout(tick, CHILDREN_MS);
      this.childTimer.unref();
    };
    tick();
  }

  private refreshChildren(): void {
    if (this.server === null || !this.current) return;
    const children = childrenOf(this.server);
    if (JSON.stringify(children) === JSON.stringify(this.current.children)) return;
    this.current = { ...this.current, children };
    this.ctx.publish();
  }

  private stopAll(keepComparing = false): void {
    this.generation++;
    if (this.childTimer) clearTimeout(this.childTimer);
    this.childTimer = null;
    for (const p of this.procs) p.stop();
    this.procs = [];
    this.server = null;
    for (const done of this.exits.values()) done();
    this.exits.clear();
    if (!keepComparing) this.comparing = false;
  }
}

/** The processes whose parent is `pid`, with the state letter /proc/<pid>/stat gives (Z: zombie). */
export function childrenOf(pid: number): { pid: number; state: string }[] {
  const out: { pid: number; state: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid) out.push({ pid: Number(name), state: state! });
    } catch {
      // The process ended while /proc was read.
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}
