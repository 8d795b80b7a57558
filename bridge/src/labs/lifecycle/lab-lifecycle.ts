// `pnpm lab lifecycle <moment> [--json]`: one moment, run headless, its events printed (a line per
// call, or JSON Lines), then what happened; for a lecturer preparing slides from a terminal.
import type { Moment, SocketEvent } from '@socket-lab/protocol';
import { JsonLinesSink, type EventSink } from '../../event-sink.ts';
import { Recorder, WHOLE_PAYLOAD_PREVIEW } from '../../recorder.ts';
import { idCounter } from '../lab.ts';
import { startLiveCapture } from '../../trace/live-capture.ts';
import { PcapngWriter } from '../../trace/pcapng-writer.ts';
import { LifecycleLab } from './lifecycle-lab.ts';

/** One line per event: its process and thread, the call as the program wrote it, what it gave. */
export function eventLine(e: SocketEvent): string {
  const who = e.pid !== undefined ? `pid ${e.pid}${e.fd !== undefined ? ` fd ${e.fd}` : ''}` : e.socket;
  if (e.op === 'output') return `${who}  print: ${e.output?.text ?? ''}`;
  if (e.op === 'start') return `${who}  start: ${(e.process?.argv ?? []).join(' ')}`;
  if (e.op === 'exit') return `${who}  exit ${e.process?.signal ?? e.process?.code ?? '?'}`;
  const result = e.error ? `raised ${e.error.name}: ${e.error.message}` : e.size > 0 || e.op.startsWith('recv') ? `${e.size} bytes` : 'ok';
  const kernel = e.kernel ? `  [${e.kernel.state}]` : '';
  return `${who}  ${e.op}  ${e.where?.code ?? ''}  -> ${result}${kernel}`;
}

class LineSink implements EventSink {
  readonly congested = false;
  constructor(private readonly out: NodeJS.WritableStream) {}
  push(event: SocketEvent): void {
    this.out.write(eventLine(event) + '\n');
  }
  whenReady(cb: () => void): void {
    cb();
  }
}

/** Runs the moment; resolves with 0 when it happened as described, 1 when it could not run. */
/**
 * `pcap`: also write the moment's traffic as pcapng: its calls as reconstructed packets (`lab`), or
 * its ports on lo captured with dumpcap (`capture`), the wire itself: SYN, FIN, RST as the kernel sent them.
 */
export async function runMoment(moment: Moment, o: { json: boolean; out: NodeJS.WritableStream; pcap?: { file: string; source: 'lab' | 'capture' } }): Promise<number> {
  const sink = o.json ? new JsonLinesSink(o.out) : new LineSink(o.out);
  const recorder = new Recorder(sink, null, WHOLE_PAYLOAD_PREVIEW);
  const packets = o.pcap?.source === 'lab' ? new PcapngWriter(o.pcap.file) : null;
  if (packets) recorder.tap = (event, data) => packets.record(event, data);
  // Not live: the nagle moment is its scripted contrast, 10 round trips each way.
  const lab = new LifecycleLab({ record: (call) => recorder.record('lifecycle', call).seq, flow: sink, publish: () => {}, nextId: idCounter() }, 'python3', false);
  try {
    const wire = o.pcap?.source === 'capture' ? o.pcap.file : null;
    await lab.run(moment, wire ? ([port, ...also]) => startLiveCapture(wire, { protocol: 'tcp', port: port!, also }) : undefined);
  } finally {
    lab.close();
    await packets?.close();
  }
  if (sink instanceof JsonLinesSink) sink.flush();
  const current = lab.state().current!;
  process.stderr.write(`${current.status === 'done' ? '' : 'could not run: '}${current.explanation ?? ''}\n`);
  return current.status === 'done' ? 0 : 1;
}
