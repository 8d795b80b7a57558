// Commands and state of the Programs lab: the course's Python programs, and a student's, traced.
import { z } from 'zod';

/** A program the page may run: one the lab ships, or a .py file in the folder named at launch. */
export const programInfoSchema = z.object({
  /** `course/tcp_server.py` or `folder/my_server.py`: the only names the page can ask for. */
  id: z.string(),
  name: z.string(),
  source: z.enum(['course', 'folder']),
  /** What the program is, e.g. "seed 000: the TCP echo server (port 65432)". */
  about: z.string(),
  /** The arguments the seed runs it with, offered as the default. */
  args: z.array(z.string()),
});
export type ProgramInfo = z.infer<typeof programInfoSchema>;

export const programRunSchema = z.object({
  run: z.string(),
  program: z.string(),
  pid: z.number().int().nullable(),
  argv: z.array(z.string()),
  running: z.boolean(),
  exit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable() }).nullable(),
  /** Output lines dropped past the run's cap. */
  dropped: z.number().int().nonnegative(),
});
export type ProgramRun = z.infer<typeof programRunSchema>;

export const programsCommandSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('run'),
    program: z.string().max(300),
    args: z.array(z.string().max(1000)).max(32),
    stdin: z.string().max(64 * 1024),
  }),
  z.object({ op: z.literal('stop'), run: z.string().max(50) }),
  /** Sends the list of programs again (a new file in the folder). */
  z.object({ op: z.literal('list') }),
]);
export type ProgramsCommand = z.infer<typeof programsCommandSchema>;

export const programsStateSchema = z.object({
  programs: z.array(programInfoSchema),
  /** The folder named at launch (`--programs` or PROGRAMS), if any. */
  folder: z.string().nullable(),
  runs: z.array(programRunSchema),
  /** Why the kernel view is missing, where it is (not Linux). */
  kernel: z.enum(['linux', 'unavailable']),
  /** How a program started in a terminal shows here: the environment line (`pnpm lab run --attach` sets it). */
  attach: z.object({ env: z.string() }).nullable(),
});
export type ProgramsState = z.infer<typeof programsStateSchema>;
