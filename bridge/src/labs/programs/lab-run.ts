// `pnpm lab run -- <command…>`: one traced command, its events as JSON Lines, its exit status.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { JsonLinesSink } from '../../event-sink.ts';
import { Recorder, WHOLE_PAYLOAD_PREVIEW } from '../../recorder.ts';
import { listening, TraceChannel } from './channel.ts';
import { ProgramEvents } from './program-events.ts';
import { runProgram, tracedEnv } from './runner.ts';

export interface TracedRun {
  /** The exit status once the program and its output are done (128 + n for a signal, as a shell says). */
  status: Promise<number>;
  /** Ends the program's whole process group (Ctrl-C on `lab run`). */
  stop(): void;
}

/** Runs `argv` traced, its events as JSON Lines on `out`. */
export async function runTraced(argv: string[], o: { allowNetwork: boolean; out: NodeJS.WritableStream; cwd?: string }): Promise<TracedRun> {
  // JSON Lines has no way to fetch cut bytes, so every event carries all of its bytes.
  const sink = new JsonLinesSink(o.out);
  const recorder = new Recorder(sink, null, WHOLE_PAYLOAD_PREVIEW);
  const events = new ProgramEvents((call) => recorder.record('programs', call));
  const channel = await TraceChannel.open({
    record: (r, _hello, _conn, payload) => events.handle(r, payload),
    problem: (message) => process.stderr.write(`socket lab: ${message}\n`),
    flow: sink,
  });
  let status = 1;
  const run = runProgram({
    argv,
    cwd: o.cwd ?? process.cwd(),
    channel: channel.path,
    allowNetwork: o.allowNetwork,
    stdin: 'inherit',
    output: (stream, text) => events.output(run.pid, stream, text),
    exit: (code, signal) => {
      exited = events.exit(run.pid, code, signal);
      status = code ?? 128 + signalNumber(signal);
    },
  });
  events.started(run.pid);
  // The reader went away (`lab run … | head`): the program is stopped and lab run ends as a
  // pipeline's writer does, with 141 (128 + SIGPIPE), instead of dying of an unhandled EPIPE.
  let readerGone = false;
  o.out.on('error', () => {
    if (readerGone) return;
    readerGone = true;
    run.stop();
  });
  let exited = Promise.resolve();
  const finished = (async () => {
    await run.done;
    await exited;
    channel.close();
    sink.flush();
    await new Promise<void>((resolve) => o.out.write('', () => resolve()));
    return readerGone ? 128 + constants.signals.SIGPIPE : status;
  })();
  return { status: finished, stop: () => run.stop() };
}

function signalNumber(signal: string | null): number {
  return (signal ? constants.signals[signal as NodeJS.Signals] : undefined) ?? 0;
}

/**
 * `lab run --attach`: runs `argv` in this terminal (its output stays here) with the tracer pointed
 * at the attach socket of a running bridge, so its calls show in the open page. Resolves with the
 * exit status; rejects with a sentence if no bridge listens there.
 */
export async function runAttached(argv: string[], o: { allowNetwork: boolean; cwd: string; socket: string | null }): Promise<{ status: Promise<number>; stop(): void }> {
  if (!o.socket) throw new Error('attaching is off (SOCKET_LAB_ATTACH=off)');
  if (!(await listening(o.socket))) throw new Error(`no Socket Lab listens at ${o.socket}: start it with \`pnpm start\`, open the page, then run this again`);
  const child = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd, env: tracedEnv(o.socket, o.allowNetwork), stdio: 'inherit' });
  const status = new Promise<number>((resolve) => {
    child.once('error', (err) => (process.stderr.write(`${argv[0]}: ${err.message}\n`), resolve(127)));
    child.once('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
  return { status, stop: () => child.kill('SIGTERM') };
}
