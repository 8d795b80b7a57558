// The socket event: one Python-level socket call, as recorded by the bridge (SPEC "events").
import { z } from 'zod';

export const LAB_IDS = ['tcp-echo', 'length-prefix', 'udp-echo', 'add-one', 'programs', 'lifecycle', 'servers', 'chat', 'http'] as const;
export const labIdSchema = z.enum(LAB_IDS);
export type LabId = z.infer<typeof labIdSchema>;

/**
 * `peer` is a connection a lab server accepted; `client` a socket the lab itself connected;
 * `relay` the impairment relay between a UDP client and server; `program` a traced process itself
 * (its output, start and exit).
 */
export const roleSchema = z.enum(['server', 'client', 'peer', 'relay', 'program']);
export type Role = z.infer<typeof roleSchema>;

/**
 * The Python call each event stands for, named as Python names it: socket calls, the buffered
 * client's methods (seed 004), and `frame` for what a lab's framing made of the bytes.
 */
export const opSchema = z.enum([
  'bind',
  'listen',
  'accept',
  'connect',
  'send',
  'sendall',
  'recv',
  'sendto',
  'recvfrom',
  'shutdown',
  'close',
  'send_message',
  'receive_message',
  'frame',
  // Calls a traced Python program makes (the Programs lab), beyond those above.
  'socket',
  'connect_ex',
  'recv_into',
  'recvfrom_into',
  'setsockopt',
  'settimeout',
  'setblocking',
  /** A line the program printed (stdout or stderr), in order with its calls. */
  'output',
  /** The program (a process) started or exited. */
  'start',
  'exit',
  /** Waits on several sockets at once: select.select, select.poll, a selectors selector. */
  'select',
  'poll',
  'selector',
  /** os.fork() in the parent (the child starts with its own `start`), and threading.Thread.start(). */
  'fork',
  'thread',
]);
export type Op = z.infer<typeof opSchema>;

export const portSchema = z.number().int().min(0).max(65535);
/** A Python address tuple `(host, port)`. */
export const addressSchema = z.tuple([z.string(), portSchema]);
export type Address = z.infer<typeof addressSchema>;

/** A failed call, as the Python exception it would raise. */
export const pyErrorSchema = z.object({
  /** The exception class, e.g. `ConnectionResetError`. */
  name: z.string(),
  /** What `str(exc)` prints, e.g. `[Errno 104] Connection reset by peer`. */
  message: z.string(),
  errno: z.number().int().optional(),
  /** What to do about it, for the student. */
  hint: z.string().optional(),
});
export type PyError = z.infer<typeof pyErrorSchema>;

const count = z.number().int().nonnegative();

/** What a length-prefix decoder did with one recv, in order. */
export const frameStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header-partial'), got: count }),
  z.object({ kind: z.literal('header'), length: count, littleEndian: count }),
  z.object({ kind: z.literal('payload'), got: count, of: count }),
  z.object({ kind: z.literal('complete'), length: count }),
  z.object({ kind: z.literal('too-large'), claimed: count, max: count }),
]);
export type FrameStep = z.infer<typeof frameStepSchema>;

/** Text as shown on the page: cut after a few hundred characters, and saying so. */
const textSchema = z.object({ text: z.string(), bytes: count, chars: count, cut: z.boolean().optional() });
export type TextInfo = z.infer<typeof textSchema>;

/** The framing view of an event (length-prefix lab). */
export const frameDetailSchema = z.discriminatedUnion('kind', [
  /** On recv: the decoder's steps for this chunk. */
  z.object({ kind: z.literal('steps'), steps: z.array(frameStepSchema) }),
  /** On send/sendall: the first `bytes` bytes are a length header. */
  z.object({ kind: z.literal('header'), bytes: count, length: count }),
  /** A whole frame decoded; for the server, the reply it makes of it. */
  z.object({ kind: z.literal('message'), payload: textSchema, reply: textSchema.optional() }),
  z.object({ kind: z.literal('too-large'), claimed: count, littleEndian: count, max: count }),
  z.object({ kind: z.literal('incomplete'), stage: z.enum(['header', 'payload']), got: count, of: count }),
  z.object({ kind: z.literal('bad-utf8'), offset: count }),
  /** send_message(text). */
  z.object({ kind: z.literal('send'), payload: textSchema }),
  /** receive_message() → (payload, ok). */
  z.object({ kind: z.literal('receive'), ok: z.boolean(), payload: textSchema, reason: z.string().optional() }),
]);
export type FrameDetail = z.infer<typeof frameDetailSchema>;

/** What happened to a datagram beyond the socket call (UDP labs). */
export const datagramDetailSchema = z.object({
  /** Node delivers whole datagrams; the lab cut this one to BUF_SIZE itself, as Linux would. */
  truncated: z.object({ full: count, kept: count }).optional(),
  /** The line the seed's server prints: `IP: 127.0.0.1 Port: 57937 Message: …`. */
  print: z.string().optional(),
  /** The add-one server's work on this datagram. */
  addOne: z.object({ value: z.number().int(), result: z.number().int().optional() }).optional(),
  /** A struct.error the program hit while handling this datagram (Python's message). */
  structError: z.string().optional(),
  /** These bytes are `struct.pack(format, value)`. */
  packed: z.object({ format: z.string(), value: z.number().int() }).optional(),
  /** What the relay did with this datagram. */
  relay: z
    .object({
      action: z.enum(['forward', 'drop', 'duplicate', 'hold', 'release', 'delay']),
      direction: z.enum(['to-server', 'to-client']),
      index: count,
      delayMs: count.optional(),
    })
    .optional(),
});
export type DatagramDetail = z.infer<typeof datagramDetailSchema>;

/** The program's own line that made a traced call (not the standard library's, not the tracer's). */
export const whereSchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  code: z.string(),
  /** The library frame that made the call on the program's behalf (e.g. socketserver), if any. */
  via: z.object({ file: z.string(), line: z.number().int().nonnegative(), function: z.string() }).optional(),
});
export type Where = z.infer<typeof whereSchema>;

/** TCP states as the kernel names them in /proc/net/tcp (01 … 0C). */
export const TCP_STATES = [
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'NEW_SYN_RECV',
] as const;
export const tcpStateSchema = z.enum(TCP_STATES);
export type TcpState = z.infer<typeof tcpStateSchema>;

/** The kernel's view of a socket, read from /proc/net/tcp or tcp6 just after the call. */
export const kernelViewSchema = z.object({
  state: tcpStateSchema,
  /** Bytes received and not yet read by the program (rx_queue). */
  recvQueue: count,
  /** Bytes sent and not yet acknowledged (tx_queue). */
  sendQueue: count,
});
export type KernelView = z.infer<typeof kernelViewSchema>;

/** fds of one process, by what the program waited for: readable, writable, exceptional. */
export const fdSetsSchema = z.object({ read: z.array(z.number().int()), write: z.array(z.number().int()), error: z.array(z.number().int()) });
export type FdSets = z.infer<typeof fdSetsSchema>;

export const socketEventSchema = z.object({
  seq: z.number().int().nonnegative(),
  /** Milliseconds since the session started, from a monotonic clock. */
  t: z.number().nonnegative(),
  lab: labIdSchema,
  socket: z.string(),
  role: roleSchema,
  op: opSchema,
  local: addressSchema.nullable(),
  remote: addressSchema.nullable(),
  /** Bytes moved by this call (0 for calls that move none, and for recv at EOF). */
  size: z.number().int().nonnegative(),
  /** The bytes moved, lowercase hex, cut at the preview limit. */
  hex: z.string(),
  /** Set when `hex` holds only the first bytes; ask for the rest with `get-bytes`. */
  truncated: z.boolean().optional(),
  /**
   * The bytes the lab has of this call when fewer than `size`: a traced program's call keeps its
   * first SOCKET_LAB_TRACE_BYTES (64 KiB); `get-bytes` returns these, not the rest.
   */
  kept: z.number().int().nonnegative().optional(),
  /** The call's numeric argument: n in recv(n), the backlog in listen(backlog). */
  arg: z.number().int().optional(),
  error: pyErrorSchema.optional(),
  frame: frameDetailSchema.optional(),
  datagram: datagramDetailSchema.optional(),
  // A traced Python program's events (the Programs lab and `lab run`):
  pid: z.number().int().optional(),
  thread: z.string().optional(),
  fd: z.number().int().optional(),
  where: whereSchema.optional(),
  kernel: kernelViewSchema.optional(),
  /**
   * A traced call with no kernel view because its socket was busy: past a burst of calls, the
   * tracer reads the kernel at most once a millisecond per socket (reading it costs more than a recv).
   */
  kernelSkipped: z.literal(true).optional(),
  /** An `output` event's text, and which stream it came on. */
  output: z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() }).optional(),
  /** A select/poll/selector event: the fds the program waited on and those that were ready (null: it raised). */
  wait: z.object({ watched: fdSetsSchema, ready: fdSetsSchema.nullable(), timeout: z.number().nullable() }).optional(),
  /** A fork event's child pid, or a thread event's new thread. */
  spawned: z.object({ pid: z.number().int().optional(), thread: z.string().optional() }).optional(),
  /** A `start` event's command line, or an `exit` event's status. */
  process: z.object({ argv: z.array(z.string()).optional(), code: z.number().int().nullable().optional(), signal: z.string().nullable().optional() }).optional(),
});
export type SocketEvent = z.infer<typeof socketEventSchema>;
