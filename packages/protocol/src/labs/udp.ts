// Commands and state of the datagram labs: UDP echo (seed 000) and add-one (seed 001).
import { z } from 'zod';
import { addressSchema, portSchema } from '../events.ts';
import { bufsizeSchema, payloadHexSchema } from './tcp-echo.ts';

const host = z.string().min(1).max(255);
const sock = z.object({ socket: z.string(), local: addressSchema });

/** Seeded, repeatable impairments for the relay: probabilities per datagram, and a delay. */
export const impairmentSchema = z.object({
  seed: z.number().int().min(0).max(0xffff_ffff),
  drop: z.number().min(0).max(1),
  duplicate: z.number().min(0).max(1),
  reorder: z.number().min(0).max(1),
  delayMs: z.number().int().min(0).max(2000),
});
export type Impairment = z.infer<typeof impairmentSchema>;

const relayCounts = z.object({
  datagrams: z.number().int(),
  forwarded: z.number().int(),
  dropped: z.number().int(),
  duplicated: z.number().int(),
  reordered: z.number().int(),
  delayed: z.number().int(),
});
export type RelayCounts = z.infer<typeof relayCounts>;

export const udpEchoCommandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start-server'), host, port: portSchema }),
  z.object({ op: z.literal('stop-server') }),
  z.object({ op: z.literal('set-bufsize'), bufsize: bufsizeSchema }),
  /** The client sends `hex` to the server, or through the relay when one is running. */
  z.object({ op: z.literal('sendto'), hex: payloadHexSchema }),
  /** The same messages over TCP (sendall each) and over UDP (sendto each), read side by side. */
  z.object({ op: z.literal('compare-boundaries'), messages: z.array(z.string().min(1).max(200)).min(1).max(8) }),
  z.object({ op: z.literal('relay-start'), impairment: impairmentSchema }),
  z.object({ op: z.literal('relay-stop') }),
  /** One sender and two receivers joined to `group` on the loopback interface (seed 001). */
  z.object({ op: z.literal('multicast'), group: z.string().max(15), text: z.string().min(1).max(200) }),
]);
export type UdpEchoCommand = z.infer<typeof udpEchoCommandSchema>;

export const boundariesSchema = z.object({
  messages: z.array(z.string()),
  /** Hex of each recv the TCP reader made, and of each recvfrom the UDP reader made. */
  tcp: z.array(z.string()),
  udp: z.array(z.string()),
});
export type Boundaries = z.infer<typeof boundariesSchema>;

export const multicastSchema = z.object({
  group: z.string(),
  port: z.number().int(),
  /** Hex of each receiver's recvfrom, by receiver socket. */
  received: z.array(z.object({ socket: z.string(), hex: z.string() })),
  /** Why multicast is not possible here, when it is not. */
  error: z.string().optional(),
});
export type Multicast = z.infer<typeof multicastSchema>;

export const udpEchoStateSchema = z.object({
  bufsize: bufsizeSchema,
  server: sock.nullable(),
  client: sock.nullable(),
  relay: sock.extend({ impairment: impairmentSchema, counts: relayCounts }).nullable(),
  boundaries: boundariesSchema.nullable(),
  multicast: multicastSchema.nullable(),
});
export type UdpEchoState = z.infer<typeof udpEchoStateSchema>;

export const addOneCommandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start-server'), host, port: portSchema }),
  z.object({ op: z.literal('stop-server') }),
  /** The client packs `value` with `!h` (refusing what Python's struct would) and sends it. */
  z.object({ op: z.literal('send'), value: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1) }),
]);
export type AddOneCommand = z.infer<typeof addOneCommandSchema>;

export const addOneStateSchema = z.object({
  server: sock.nullable(),
  client: sock.nullable(),
  /** The last exchange: what was sent, and the reply (null while waiting, or when none came). */
  last: z.object({ value: z.number().int(), reply: z.number().int().nullable(), note: z.string() }).nullable(),
});
export type AddOneState = z.infer<typeof addOneStateSchema>;
