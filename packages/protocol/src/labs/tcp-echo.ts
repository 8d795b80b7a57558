// Commands and state of the TCP echo lab (seeds 000, 002, 003).
import { z } from 'zod';
import { addressSchema, portSchema } from '../events.ts';

/** recv(n) sizes the page may ask for: 1 byte up to one 64 KiB read. */
export const bufsizeSchema = z.number().int().min(1).max(65536);
/** Hex of bytes to send; 2 MiB of hex is 1 MiB of bytes, the page-message limit. */
export const payloadHexSchema = z
  .string()
  .max(2 * 1024 * 1024)
  .regex(/^(?:[0-9a-f]{2})*$/, 'must be lowercase hex, two digits per byte');

export const tcpEchoCommandSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('start-server'),
    host: z.string().min(1).max(255),
    port: portSchema,
    backlog: z.number().int().min(0).max(128),
  }),
  z.object({ op: z.literal('stop-server') }),
  z.object({ op: z.literal('connect'), host: z.string().min(1).max(255), port: portSchema }),
  z.object({ op: z.literal('sendall'), socket: z.string(), hex: payloadHexSchema }),
  z.object({ op: z.literal('close'), socket: z.string() }),
  z.object({ op: z.literal('set-bufsize'), bufsize: bufsizeSchema }),
]);
export type TcpEchoCommand = z.infer<typeof tcpEchoCommandSchema>;

const connectionSchema = z.object({
  socket: z.string(),
  local: addressSchema,
  remote: addressSchema,
});
export type Connection = z.infer<typeof connectionSchema>;

export const tcpEchoStateSchema = z.object({
  bufsize: bufsizeSchema,
  server: z.object({ socket: z.string(), local: addressSchema, backlog: z.number().int() }).nullable(),
  clients: z.array(connectionSchema),
  peers: z.array(connectionSchema),
});
export type TcpEchoState = z.infer<typeof tcpEchoStateSchema>;
