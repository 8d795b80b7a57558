// The socket event: one Python-level socket call, as recorded by the bridge (SPEC "events").
import { z } from 'zod';

export const LAB_IDS = ['tcp-echo'] as const;
export const labIdSchema = z.enum(LAB_IDS);
export type LabId = z.infer<typeof labIdSchema>;

/** `peer` is a connection a lab server accepted; `client` a socket the lab itself connected. */
export const roleSchema = z.enum(['server', 'client', 'peer']);
export type Role = z.infer<typeof roleSchema>;

/** The Python call each event stands for, named as Python names it. */
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
  /** The call's numeric argument: n in recv(n), the backlog in listen(backlog). */
  arg: z.number().int().optional(),
  error: pyErrorSchema.optional(),
});
export type SocketEvent = z.infer<typeof socketEventSchema>;
