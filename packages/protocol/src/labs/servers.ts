// Commands and state of the Server styles lab: one echo service, four Python servers written as
// seeds 001 and 003 write them (iterative, forking, threaded, select), three clients at once.
import { z } from 'zod';

export const SERVER_STYLES = ['iterative', 'forking', 'threaded', 'select'] as const;
export const serverStyleSchema = z.enum(SERVER_STYLES);
export type ServerStyle = z.infer<typeof serverStyleSchema>;

export const STYLE_INFO: Record<ServerStyle, { title: string; about: string }> = {
  iterative: { title: 'Iterative', about: 'accept, serve until the client leaves, then the next' },
  forking: { title: 'Forking', about: 'os.fork() after accept: a child serves, the parent accepts again' },
  threaded: { title: 'Threaded', about: 'a thread per connection, threading.active_count() printed' },
  select: { title: 'select', about: 'one process, one thread: select() over every socket' },
};

export const serversCommandSchema = z.discriminatedUnion('op', [
  /** Starts the style's server on a fresh port, then three clients at once; `sigIgn`: forking with signal(SIGCHLD, SIG_IGN). */
  z.object({ op: z.literal('run'), style: serverStyleSchema, sigIgn: z.boolean().default(false) }),
  /** The same three clients against each style in turn, their waits side by side. */
  z.object({ op: z.literal('compare') }),
  /** Stops the server and its clients (a forking server's zombies go with it). */
  z.object({ op: z.literal('stop') }),
]);
export type ServersCommand = z.infer<typeof serversCommandSchema>;

/** One client's run, as it printed it (perf_counter around connect, and until its reply). */
export const styleClientSchema = z.object({
  name: z.string(),
  connectMs: z.number().nonnegative(),
  replyMs: z.number().nonnegative(),
  reply: z.string(),
});
export type StyleClient = z.infer<typeof styleClientSchema>;

export const serversStateSchema = z.object({
  current: z
    .object({
      style: serverStyleSchema,
      sigIgn: z.boolean(),
      /** running: the clients are still waiting; done: all three have their reply (the server keeps serving until Stop). */
      status: z.enum(['running', 'done', 'failed']),
      port: z.number().int(),
      clients: z.array(styleClientSchema),
      /** The server's child processes as /proc lists them (state Z: a zombie, `<defunct>`). */
      children: z.array(z.object({ pid: z.number().int(), state: z.string() })),
      /** Why the run failed, when it did. */
      error: z.string().nullable(),
    })
    .nullable(),
  /** The last comparison: each style's three clients. */
  comparison: z.array(z.object({ style: serverStyleSchema, clients: z.array(styleClientSchema) })),
  comparing: z.boolean(),
});
export type ServersState = z.infer<typeof serversStateSchema>;
