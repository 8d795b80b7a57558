// The tracer's wire: what the Python tracer (bridge/src/labs/programs/tracer) writes to the bridge,
// one JSON object per line on its own Unix socket, one connection per process.
import { z } from 'zod';
import { addressSchema, kernelViewSchema, whereSchema } from './events.ts';

const common = {
  pid: z.number().int(),
  thread: z.string(),
  /** time.monotonic_ns() in the traced process, for ordering calls of one process. */
  ns: z.number(),
};

/** The first line of each connection: which process this is (a forked child says so again). */
export const tracerHelloSchema = z.object({
  k: z.literal('hello'),
  ...common,
  ppid: z.number().int(),
  argv: z.array(z.string()),
  python: z.string(),
  executable: z.string(),
});

/** One socket call, after CPython made it: what it returned (bytes as hex) or raised. */
export const tracerCallSchema = z.object({
  k: z.literal('call'),
  ...common,
  op: z.enum([
    'socket',
    'bind',
    'listen',
    'accept',
    'connect',
    'connect_ex',
    'send',
    'sendall',
    'sendto',
    'recv',
    'recv_into',
    'recvfrom',
    'recvfrom_into',
    'shutdown',
    'close',
    'settimeout',
    'setblocking',
    'setsockopt',
  ]),
  fd: z.number().int(),
  /** A stream (TCP) socket, not a datagram one. */
  stream: z.boolean(),
  where: whereSchema.nullable(),
  local: addressSchema.nullable(),
  remote: addressSchema.nullable(),
  size: z.number().int().nonnegative().optional(),
  hex: z.string().regex(/^(?:[0-9a-f]{2})*$/).optional(),
  arg: z.number().int().optional(),
  error: z.object({ name: z.string(), message: z.string(), errno: z.number().int().optional() }).optional(),
  /** connect_ex's result, settimeout's value, setblocking's flag, accept's listening fd, … */
  result: z.number().int().optional(),
  timeout: z.number().nullable().optional(),
  blocking: z.boolean().optional(),
  listener: z.number().int().optional(),
  address: addressSchema.nullable().optional(),
  option: z.array(z.number().int().nullable()).optional(),
  /** The socket's TCP state and queues, read in the process right after the call (TCP_INFO, FIONREAD, TIOCOUTQ). */
  kernel: kernelViewSchema.optional(),
  family: z.number().int().optional(),
  type: z.number().int().optional(),
});

/**
 * Step mode: the program is about to make this call and waits, before the syscall, for the
 * bridge's `go` (the bridge tells it when step mode is on: BRIDGE_TO_TRACER below).
 */
export const tracerHoldSchema = z.object({
  k: z.literal('hold'),
  ...common,
  op: z.string().max(20),
  fd: z.number().int(),
  arg: z.number().int().nullable(),
  where: whereSchema.nullable(),
});

/** What the bridge writes back to a traced process: step mode on or off, and one call's go. */
export type BridgeToTracer = { k: 'mode'; step: boolean } | { k: 'go' };

/** A complete line the program wrote to sys.stdout or sys.stderr (it went to the real stream too). */
export const tracerOutputSchema = z.object({ k: z.literal('output'), ...common, stream: z.enum(['stdout', 'stderr']), text: z.string() });

export const tracerRecordSchema = z.discriminatedUnion('k', [tracerHelloSchema, tracerCallSchema, tracerOutputSchema, tracerHoldSchema]);
export type TracerHold = z.infer<typeof tracerHoldSchema>;
export type TracerRecord = z.infer<typeof tracerRecordSchema>;
export type TracerCall = z.infer<typeof tracerCallSchema>;
export type TracerHello = z.infer<typeof tracerHelloSchema>;

/** Longest line the bridge reads from a tracer: a 64 KiB payload as hex, with room for the rest. */
export const MAX_TRACER_LINE = 256 * 1024;

/** Parses one line; a refusal names the problem (the bridge shows it, and the run carries on). */
export function parseTracerLine(line: string): { ok: true; value: TracerRecord } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, message: `tracer sent a line that is not JSON: ${JSON.stringify(line.slice(0, 80))}` };
  }
  const parsed = tracerRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `tracer record ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'is malformed'}` };
  }
  return { ok: true, value: parsed.data };
}
