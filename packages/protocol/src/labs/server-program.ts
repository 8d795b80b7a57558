// What a lab whose server is a traced Python program (Chat, HTTP) says of that server.
import { z } from 'zod';
import { addressSchema } from '../events.ts';

export const serverProgramSchema = z.object({
  port: z.number().int(),
  /** Where it listens (`lab serve` prints it). */
  local: addressSchema,
  status: z.enum(['starting', 'listening', 'failed']),
  /** Why it failed (a port in use, a traceback). */
  error: z.string().nullable(),
});
export type ServerProgramView = z.infer<typeof serverProgramSchema>;
