// Commands and state of the HTTP lab (seed 002): a web server and a web client on raw sockets,
// Python programs run traced; curl and the browser itself are clients too.
import { z } from 'zod';
import { portSchema } from '../events.ts';
import { serverProgramSchema } from './server-program.ts';

/** The seed's port. */
export const HTTP_PORT = 8000;

export const httpCommandSchema = z.discriminatedUnion('op', [
  /** Starts http_server.py traced on `port` (0: any free port). */
  z.object({ op: z.literal('start'), port: portSchema }),
  z.object({ op: z.literal('stop') }),
  /** Runs http_client.py once: one request, its response read; `oneByte`: the request one byte per send(). */
  z.object({
    op: z.literal('request'),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
    path: z.string().min(1).max(2000).regex(/^\/[^\s]*$/, 'a path starts with / and has no spaces'),
    body: z.string().max(64 * 1024),
    oneByte: z.boolean().default(false),
  }),
]);
export type HttpCommand = z.infer<typeof httpCommandSchema>;

export const httpStateSchema = z.object({
  server: serverProgramSchema.nullable(),
  /** http_client.py runs still going. */
  clients: z.number().int().nonnegative(),
});
export type HttpState = z.infer<typeof httpStateSchema>;
