// The tracer's wire: what the Python tracer (bridge/src/labs/programs/tracer) writes to the bridge,
// on its own Unix socket, one connection per process. Each record is one line of JSON; a record
// with `bytes: n` (a call that moved data) is followed at once by those n bytes, raw (not hex:
// encoding them cost the traced program more than the call itself), then the next record.
import { z } from 'zod';
import { addressSchema, fdSetsSchema, kernelViewSchema, whereSchema } from './events.ts';

/** Most payload bytes a record carries (the tracer's SOCKET_LAB_TRACE_BYTES preview is at most this). */
export const MAX_TRACER_PAYLOAD = 1024 * 1024;

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

/** One call, after CPython made it: what it returned (its bytes follow the line) or raised. */
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
    // Calls around the sockets (fd -1): waits on several sockets, a fork, a thread start.
    'select',
    'poll',
    'selector',
    'fork',
    'thread',
  ]),
  fd: z.number().int(),
  /** A stream (TCP) socket, not a datagram one. */
  stream: z.boolean(),
  where: whereSchema.nullable(),
  local: addressSchema.nullable(),
  remote: addressSchema.nullable(),
  size: z.number().int().nonnegative().optional(),
  /** How many bytes of the payload follow this line (the first bytes of `size`, up to the tracer's preview). */
  bytes: z.number().int().nonnegative().max(MAX_TRACER_PAYLOAD).optional(),
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
  /** The kernel's view was not read at this call: its socket is busy (the tracer reads it at most once a millisecond there). */
  kernelSkipped: z.literal(true).optional(),
  family: z.number().int().optional(),
  type: z.number().int().optional(),
  watched: fdSetsSchema.optional(),
  ready: fdSetsSchema.optional(),
  /** fork's child pid (in the parent's record). */
  child: z.number().int().optional(),
  /** thread's: the name of the thread just started. */
  started: z.string().optional(),
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
  /** A held read: the bytes already in the kernel for it (FIONREAD), which stay there while it waits. */
  queued: z.number().int().nonnegative().optional(),
});

/** What the bridge writes back to a traced process: step mode on or off, and one call's go. */
export type BridgeToTracer = { k: 'mode'; step: boolean } | { k: 'go' };

/** A complete line the program wrote to sys.stdout or sys.stderr (it went to the real stream too). */
export const tracerOutputSchema = z.object({ k: z.literal('output'), ...common, stream: z.enum(['stdout', 'stderr']), text: z.string() });

export const tracerRecordSchema = z.discriminatedUnion('k', [tracerHelloSchema, tracerCallSchema, tracerOutputSchema, tracerHoldSchema]);

/**
 * The busy calls' short form. A send, sendall, recv or recv_into that returned (what a program
 * makes tens of thousands of times a second) is written as MOVED_HEAD_BYTES of binary head, then
 * its payload: JSON text cost the traced program and the bridge more than the call itself. The
 * head's values that repeat (the program's line, the thread, the socket's addresses) are ids of
 * `def` lines sent once before their first use. A JSON line begins with `{`, a head with 0x00.
 *
 * Little-endian, offsets in bytes:
 *   0 u8 0x00 (MOVED_MARK) · 1 u8 op (MOVED_OPS) · 2 u8 flags (MOVED_FLAGS) · 3 u8 TCP state,
 *   the kernel's number (1 ESTABLISHED … 12 NEW_SYN_RECV, as in /proc/net/tcp), 0 for no kernel view
 *   4 i32 fd · 8 i32 pid · 12 u32 where id · 16 u32 thread id · 20 u32 addresses id
 *   24 i64 ns · 32 i64 size · 40 i64 arg (0 without MOVED_FLAGS.arg) · 48 u32 recvQueue · 52 u32 sendQueue
 *   56 u32 payload bytes (at most MAX_TRACER_PAYLOAD), then the payload.
 */
export const MOVED_MARK = 0x00;
export const MOVED_HEAD_BYTES = 60;
export const MOVED_OPS = ['send', 'sendall', 'recv', 'recv_into'] as const;
export const MOVED_FLAGS = { stream: 1, arg: 2, kernelSkipped: 4 } as const;

/**
 * A value the short form refers to by id: one of the program's lines (`where`), a thread's name,
 * or a socket's two addresses. Ids are the process's own (each connection starts afresh).
 */
export const tracerDefSchema = z.union([
  z.object({ k: z.literal('def'), id: z.number().int().nonnegative(), where: whereSchema.nullable() }).strict(),
  z.object({ k: z.literal('def'), id: z.number().int().nonnegative(), thread: z.string() }).strict(),
  z.object({ k: z.literal('def'), id: z.number().int().nonnegative(), local: addressSchema.nullable(), remote: addressSchema.nullable() }).strict(),
]);
export type TracerDef = z.infer<typeof tracerDefSchema>;

/**
 * Bytes of `def` lines one connection may send (the tracer counts the same and writes JSON
 * records past it): what the bridge holds for a process is bounded however many lines it has.
 */
export const MAX_TRACER_DEF_BYTES = 1024 * 1024;
export type TracerHold = z.infer<typeof tracerHoldSchema>;
export type TracerRecord = z.infer<typeof tracerRecordSchema>;
export type TracerCall = z.infer<typeof tracerCallSchema>;
export type TracerHello = z.infer<typeof tracerHelloSchema>;

/** Longest JSON line the bridge reads from a tracer (a record's own fields; its payload follows it). */
export const MAX_TRACER_LINE = 256 * 1024;
