// Commands and state of the Chat lab (seed 003's project): a threaded Python chat server, traced,
// and chat panels in the page, each a lab client socket that sends lines and shows what came back.
import { z } from 'zod';
import { portSchema } from '../events.ts';
import { serverProgramSchema } from './server-program.ts';

/** Seed 003's port. */
export const CHAT_PORT = 5960;
/** Panels one page may open at once (each a client socket). */
export const MAX_CHAT_PANELS = 8;
/** Lines a panel keeps (its oldest go first). */
export const MAX_CHAT_LINES = 200;
/** What one send from a panel may hold: past the server's 4 KiB line limit, so that reply can be seen. */
export const MAX_CHAT_SEND = 8 * 1024;

export const chatCommandSchema = z.discriminatedUnion('op', [
  /** Starts chat_server.py traced on `port` (0: any free port). */
  z.object({ op: z.literal('start'), port: portSchema }),
  /** Stops the server and closes every panel's socket. */
  z.object({ op: z.literal('stop') }),
  /** A new panel: a client socket connected to the server. */
  z.object({ op: z.literal('join') }),
  /** One sendall of `text` (UTF-8), with '\n' after it unless `newline` is false (half a line, as in the framing lesson). */
  z.object({ op: z.literal('say'), panel: z.string().max(50), text: z.string().max(MAX_CHAT_SEND), newline: z.boolean().default(true) }),
  /** Closes the panel's socket (with `/bye` first, the server closes it). */
  z.object({ op: z.literal('leave'), panel: z.string().max(50) }),
]);
export type ChatCommand = z.infer<typeof chatCommandSchema>;

export const chatLineSchema = z.object({
  /** `me`: a line the panel sent; `server`: one complete line that came back; `note`: what the lab says (connection closed). */
  from: z.enum(['me', 'server', 'note']),
  text: z.string(),
  /** For a server line: how many recv calls it was assembled from. */
  recvs: z.number().int().nonnegative().optional(),
});
export type ChatLine = z.infer<typeof chatLineSchema>;

export const chatPanelSchema = z.object({
  /** The panel's socket id (its lane). */
  panel: z.string(),
  /** The client's own port (its lane head). */
  port: z.number().int(),
  /** The username the server welcomed, once it has. */
  name: z.string().nullable(),
  open: z.boolean(),
  lines: z.array(chatLineSchema),
  /** Bytes received after the last newline: part of a line still to come. */
  partial: z.number().int().nonnegative(),
});
export type ChatPanel = z.infer<typeof chatPanelSchema>;

export const chatStateSchema = z.object({
  server: serverProgramSchema.nullable(),
  panels: z.array(chatPanelSchema),
});
export type ChatState = z.infer<typeof chatStateSchema>;
