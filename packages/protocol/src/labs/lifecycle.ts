// Commands and state of the Lifecycle lab: each moment of a TCP connection's life the course
// stops at, made to happen on demand by real Python programs, traced.
import { z } from 'zod';

/** The moments, by the names `pnpm lab lifecycle <moment>` takes. */
export const LIFECYCLE_MOMENTS = [
  'handshake',
  'backlog',
  'half-close',
  'close-wait',
  'reset',
  'fin',
  'linger',
  'refused',
  'address-in-use',
  'timeout',
  'nagle',
] as const;
export const momentSchema = z.enum(LIFECYCLE_MOMENTS);
export type Moment = z.infer<typeof momentSchema>;

export const lifecycleCommandSchema = z.discriminatedUnion('op', [
  /** Runs one moment: its programs start, in order, on a fresh port; a moment still running is stopped first. */
  z.object({ op: z.literal('run'), moment: momentSchema }),
  /** Stops the programs of the moment running (close-wait's server waits until then). */
  z.object({ op: z.literal('stop') }),
  /** The nagle moment's toggle: its client sets TCP_NODELAY to this before its next request. */
  z.object({ op: z.literal('nodelay'), on: z.boolean() }),
]);
export type LifecycleCommand = z.infer<typeof lifecycleCommandSchema>;

/** Each moment's button and the line under it, for the page and the bridge alike. */
export const MOMENT_INFO: Record<Moment, { title: string; about: string }> = {
  handshake: { title: 'Handshake', about: 'listen(1) and no accept(): does connect() return?' },
  backlog: { title: 'Backlog', about: "listen(1) and no accept(): who gets in, and who waits in SYN_SENT" },
  refused: { title: 'Refused', about: 'connect() to a port where nothing listens' },
  reset: { title: 'Reset', about: 'the server closes with bytes still unread' },
  fin: { title: 'FIN', about: 'the server reads everything, then closes' },
  linger: { title: 'SO_LINGER 0', about: 'the server reads everything, but closes with SO_LINGER (on, 0 s)' },
  'half-close': { title: 'Half-close', about: 'shutdown(SHUT_WR): the client stops sending and still receives' },
  'close-wait': { title: 'Forgot close()', about: 'the client leaves; the server never calls close()' },
  'address-in-use': { title: 'Address in use', about: 'restart a server whose port is in TIME_WAIT, without and with SO_REUSEADDR' },
  timeout: { title: 'Timeout', about: 'settimeout(2.0), then a recv no one answers' },
  nagle: { title: 'Nagle', about: 'write, write, read: Nagle\u2019s algorithm meets the delayed ACK (toggle TCP_NODELAY)' },
};

/** Round trips the nagle moment's state keeps (the chart's width); older ones are let go. */
export const MAX_NAGLE_ROUNDS = 200;

/** One request/reply of the nagle moment, as its client measured it (perf_counter around write, write, read). */
export const nagleRoundSchema = z.object({ n: z.number().int().positive(), ms: z.number().nonnegative(), nodelay: z.boolean() });
export type NagleRound = z.infer<typeof nagleRoundSchema>;

export const momentInfoSchema = z.object({ id: momentSchema, title: z.string(), about: z.string() });
export type MomentInfo = z.infer<typeof momentInfoSchema>;

export const lifecycleStateSchema = z.object({
  moments: z.array(momentInfoSchema),
  current: z
    .object({
      moment: momentSchema,
      status: z.enum(['running', 'done', 'failed']),
      /** The port the moment's programs use. */
      port: z.number().int(),
      /** What happened, in one line, once it has (or why the moment could not run). */
      explanation: z.string().nullable(),
      /** The event that completed the moment: the explanation shows under it. */
      after: z.number().int().nonnegative().nullable(),
      /** The nagle moment: TCP_NODELAY as the client last set it, and its round trips, oldest first. */
      nagle: z.object({ nodelay: z.boolean(), rounds: z.array(nagleRoundSchema).max(MAX_NAGLE_ROUNDS) }).nullable(),
    })
    .nullable(),
});
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;

/** The median round trip of the rounds in one mode, and how many there were; null when none. */
export function nagleMedian(rounds: readonly NagleRound[], nodelay: boolean): { ms: number; count: number } | null {
  const ms = rounds.filter((r) => r.nodelay === nodelay).map((r) => r.ms).sort((a, b) => a - b);
  if (ms.length === 0) return null;
  const mid = ms.length >> 1;
  return { ms: ms.length % 2 ? ms[mid]! : (ms[mid - 1]! + ms[mid]!) / 2, count: ms.length };
}

/** `41.0 ms over 10 round trips`, with two decimals under 10 ms. */
export function nagleMedianText(rounds: readonly NagleRound[], nodelay: boolean): string {
  const m = nagleMedian(rounds, nodelay);
  return m ? `${m.ms.toFixed(m.ms < 10 ? 2 : 1)} ms over ${m.count} round trip${m.count === 1 ? '' : 's'}` : 'not measured';
}
