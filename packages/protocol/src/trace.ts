// The JSON trace: a session's events per lab, saved from the page and replayed without a bridge.
import { z } from 'zod';
import { labIdSchema, socketEventSchema } from './events.ts';

export const TRACE_VERSION = 1;

export const traceSchema = z.object({
  kind: z.literal('socket-lab-trace'),
  version: z.literal(TRACE_VERSION),
  /** When it was saved (ISO 8601). */
  saved: z.string(),
  /** Events dropped while recording: a trace says when it is not complete. */
  dropped: z.number().int().nonnegative(),
  labs: z.array(z.object({ lab: labIdSchema, events: z.array(socketEventSchema) })),
});
export type Trace = z.infer<typeof traceSchema>;

/** Parses a trace file's text; a bad file gets a sentence naming what is wrong. */
export function parseTrace(text: string): { ok: true; trace: Trace } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not a trace: not valid JSON (${(e as Error).message})` };
  }
  const parsed = traceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `not a Socket Lab trace: ${issue.path.join('.') || 'file'}: ${issue.message}` };
  }
  return { ok: true, trace: parsed.data };
}
