// A student's program started in their own terminal or IDE, traced into the page that is open:
// `pnpm lab run --attach -- python3 x.py`, or the PYTHONPATH line the bridge prints. The bridge
// listens on a trace channel at a fixed path of this user's (a 0700 folder in the temp dir); the
// Programs lab of the newest open page gets the processes that connect there.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BridgeToTracer, TracerHello, TracerRecord } from '@socket-lab/protocol';
import { TraceChannel, type TracerConnection } from './channel.ts';
import { TRACER_DIR } from './runner.ts';

/** Where `pnpm start` listens for attached programs (SOCKET_LAB_ATTACH names another path; `off` none). */
export function attachPath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SOCKET_LAB_ATTACH === 'off') return null;
  return env.SOCKET_LAB_ATTACH || path.join(tmpdir(), `socket-lab-${process.getuid?.() ?? 'user'}`, 'attach.sock');
}

/** The environment a terminal needs to trace its programs into the page, as one shell line. */
export function attachEnvLine(socket: string): string {
  return `PYTHONPATH=${TRACER_DIR} SOCKET_LAB_TRACE=${socket} PYTHONUNBUFFERED=1`;
}

/** A page's Programs lab, as the attach point sees it. */
export interface AttachTarget {
  attached(record: TracerRecord, conn: TracerConnection, payload: Uint8Array | undefined): void;
  /** An attached process ended (its connection closed). */
  attachedEnded(process: TracerHello): void;
  stepping(): boolean;
}

export class AttachPoint {
  private readonly targets: AttachTarget[] = [];

  private constructor(
    private readonly channel: TraceChannel,
    readonly path: string,
  ) {}

  /** Listens at `at`; rejects with a sentence if another bridge listens there or the folder is not private. */
  static async open(at: string, problem: (message: string) => void): Promise<AttachPoint> {
    let point: AttachPoint | null = null;
    const channel = await TraceChannel.open(
      {
        record: (r, _hello, conn, payload) => point?.current()?.attached(r, conn, payload),
        stepping: () => point?.current()?.stepping() ?? false,
        problem,
        ended: (hello) => {
          if (hello) point?.current()?.attachedEnded(hello);
        },
      },
      at,
    );
    point = new AttachPoint(channel, at);
    return point;
  }

  /** The page that opened its Programs lab last gets the attached programs (until it closes). */
  join(target: AttachTarget): void {
    this.targets.push(target);
  }

  leave(target: AttachTarget): void {
    const at = this.targets.indexOf(target);
    if (at >= 0) this.targets.splice(at, 1);
  }

  current(): AttachTarget | undefined {
    return this.targets.at(-1);
  }

  /** Tells the attached processes a step-mode change, if it is the current page's. */
  broadcastFrom(target: AttachTarget, message: BridgeToTracer): void {
    if (this.current() === target) this.channel.broadcast(message);
  }

  close(): void {
    this.channel.close();
  }
}
