// `pnpm lab run -- <command…>`: one traced command, its events as JSON Lines, its exit status.
import { constants } from 'node:os';
import { JsonLinesSink } from '../../event-sink.ts';
import { Recorder, WHOLE_PAYLOAD_PREVIEW } from '../../recorder.ts';
import { TraceChannel } from './channel.ts';
import { ProgramEvents } from './program-events.ts';
import { runProgram } from './runner.ts';

export interface TracedRun {
  /** The exit status once the program and its output are done (128 + n for a signal, as a shell says). */
  status: Promise<number>;
  /** Ends the program's whole process group (Ctrl-C on `lab run`). */
  stop(): void;
}

/** Runs `argv` traced, its events as JSON Lines on `out`. */
export async function runTraced(argv: string[], o: { allowNetwork: boolean; out: NodeJS.WritableStream }): Promise<TracedRun> {
  // JSON Lines has no way to fetch cut bytes, so every event carries all of its bytes.
  const sink = new JsonLinesSink(o.out);
  const recorder = new Recorder(sink, null, WHOLE_PAYLOAD_PREVIEW);
  const events = new ProgramEvents((call) => recorder.record('programs', call));
  const channel = await TraceChannel.open({
    record: (r) => events.handle(r),
    problem: (message) => process.stderr.write(`socket lab: ${message}\n`),
  });
  let status = 1;
  const run = runProgram({
    argv,
    cwd: process.cwd(),
    channel: channel.path,
    allowNetwork: o.allowNetwork,
    stdin: 'inherit',
    output: (stream, text) => events.output(run.pid, stream, text),
    exit: (code, signal) => {
      exited = events.exit(run.pid, code, signal);
      status = code ?? 128 + signalNumber(signal);
    },
  });
  let exited = Promise.resolve();
  const finished = (async () => {
    await run.done;
    await exited;
    channel.close();
    sink.flush();
    await new Promise<void>((resolve) => o.out.write('', () => resolve()));
    return status;
  })();
  return { status: finished, stop: () => run.stop() };
}

function signalNumber(signal: string | null): number {
  return (signal ? constants.signals[signal as NodeJS.Signals] : undefined) ?? 0;
}
