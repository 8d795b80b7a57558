// Starts one command with the tracer in its environment, in a process group of its own, and
// hands on its output line by line (capped) and its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder whose sitecustomize.py loads the tracer into every Python process it reaches. */
export const TRACER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tracer');
/** Output kept per run; past it, lines are counted, not kept (a program that floods). */
export const OUTPUT_CAP_BYTES = 1024 * 1024;
/** A line longer than this is cut (a program printing without newlines). */
const MAX_LINE = 16 * 1024;

export interface RunOptions {
  argv: string[];
  cwd: string;
  /** The trace channel's socket path. */
  channel: string;
  allowNetwork?: boolean;
  /** Text for the program's stdin ('inherit' passes the terminal's, for `lab run`; 'open' keeps it open for write()). */
  stdin: string | 'inherit' | 'open';
  output(stream: 'stdout' | 'stderr', text: string): void;
  exit(code: number | null, signal: string | null): void;
}

export interface RunningProgram {
  pid: number | null;
  /** Lines dropped past the cap. */
  readonly dropped: number;
  /** Ends the whole process group (forked children too): SIGTERM, then SIGKILL if it lingers. */
  stop(): void;
  /** Writes to the program's stdin, when it was started with stdin 'open'. */
  write(text: string): void;
  readonly done: Promise<void>;
}

/** The environment that traces every Python process the command starts (TRACER.md). */
export function tracedEnv(channel: string, allowNetwork = false, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PYTHONPATH: [TRACER_DIR, base.PYTHONPATH].filter(Boolean).join(path.delimiter),
    SOCKET_LAB_TRACE: channel,
    // Prints reach the console in order with the calls; the socket data itself is never buffered.
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ...(allowNetwork ? { SOCKET_LAB_ALLOW_NETWORK: '1' } : {}),
  };
}

export function runProgram(o: RunOptions): RunningProgram {
  const child: ChildProcess = spawn(o.argv[0]!, o.argv.slice(1), {
    cwd: o.cwd,
    env: tracedEnv(o.channel, o.allowNetwork),
    stdio: [o.stdin === 'inherit' ? 'inherit' : 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let kept = 0;
  let dropped = 0;
  const lines = (stream: 'stdout' | 'stderr') => {
    let pending = '';
    const emit = (line: string) => {
      if (kept + line.length > OUTPUT_CAP_BYTES) {
        dropped++;
        return;
      }
      kept += line.length;
      o.output(stream, line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length} characters)` : line);
    };
    child[stream]!.setEncoding('utf8');
    child[stream]!.on('data', (text: string) => {
      pending += text;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        emit(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
      if (pending.length > MAX_LINE) {
        emit(pending);
        pending = '';
      }
    });
    return new Promise<void>((resolve) =>
      child[stream]!.on('end', () => {
        if (pending) emit(pending);
        resolve();
      }),
    );
  };
  const outputs = Promise.all([lines('stdout'), lines('stderr')]);
  if (o.stdin !== 'inherit') {
    child.stdin!.on('error', () => {});
    if (o.stdin !== 'open') child.stdin!.end(o.stdin);
  }
  let exited = false;
  const done = new Promise<void>((resolve) => {
    let status: [number | null, string | null] | null = null;
    const finish = () => {
      if (!status) return;
      o.exit(...status);
      resolve();
    };
    child.once('error', (err) => {
      o.output('stderr', `could not start ${o.argv[0]}: ${err.message}`);
      status = [127, null];
      exited = true;
      finish();
    });
    child.once('exit', (code, signal) => {
      exited = true;
      status = [code, signal];
      // Output still in the pipes comes first, then the exit.
      void outputs.then(finish);
    });
  });
  const group = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  return {
    pid: child.pid ?? null,
    get dropped() {
      return dropped;
    },
    write: (text) => {
      if (o.stdin === 'open' && child.stdin?.writable) child.stdin.write(text);
    },
    stop: () => {
      if (exited) return group('SIGKILL');
      group('SIGTERM');
      setTimeout(() => group('SIGKILL'), 1000).unref();
    },
    done,
  };
}
