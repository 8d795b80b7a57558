// Commands and state of the length-prefix lab and its grader (seed 004).
import { z } from 'zod';
import { addressSchema, portSchema, socketEventSchema } from '../events.ts';
import { bufsizeSchema, payloadHexSchema } from './tcp-echo.ts';

/** `--max-frame` range: the 1 MiB default up to 64 MiB (SPEC "Limits"). */
export const maxFrameSchema = z.number().int().min(1).max(64 * 1024 * 1024);
/** Text for send_message: up to 1 MiB of UTF-8, the page-message limit. */
const messageText = z.string().max(1024 * 1024);
const host = z.string().min(1).max(255);

export const lengthPrefixCommandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start-server'), host, port: portSchema, maxFrame: maxFrameSchema.optional() }),
  /** keep_running = False */
  z.object({ op: z.literal('stop-server') }),
  z.object({ op: z.literal('set-bufsize'), bufsize: bufsizeSchema }),
  z.object({ op: z.literal('connect'), host, port: portSchema }),
  z.object({ op: z.literal('send-message'), socket: z.string(), text: messageText }),
  /** Raw bytes on the client's socket, for showing bad input (hostile headers, invalid UTF-8). */
  z.object({ op: z.literal('send-raw'), socket: z.string(), hex: payloadHexSchema }),
  z.object({ op: z.literal('receive-message'), socket: z.string() }),
  /** The buffered client's shutdown(). */
  z.object({ op: z.literal('shutdown'), socket: z.string() }),
  /** Runs the seed's test cases against `target`, or the lab's own server when it is null. */
  z.object({ op: z.literal('grade'), target: z.object({ host, port: portSchema }).nullable() }),
  /** Grades a student's files: `folder` is one of the state's `submissions.folders`, looked up, never joined into a path. */
  z.object({ op: z.literal('grade-folder'), folder: z.string().max(255) }),
  /** Publishes the state: the page asks when it opens (students' folders, a report opened with `lab report`). */
  z.object({ op: z.literal('list') }),
  /** Shows the report at `index` of the state's `submissions.list` in full. */
  z.object({ op: z.literal('show-report'), index: z.number().int().nonnegative() }),
]);
export type LengthPrefixCommand = z.infer<typeof lengthPrefixCommandSchema>;

export const gradeTestSchema = z.object({
  name: z.string(),
  /** null: not run (e.g. needs control of a server the grader did not start). */
  ok: z.boolean().nullable(),
  detail: z.string(),
  /** Every frame sent and every chunk received, in order, as hex of each one's first 128 bytes. */
  sent: z.array(z.string()),
  received: z.array(z.string()),
});
export type GradeTest = z.infer<typeof gradeTestSchema>;

export const gradeReportSchema = z.object({
  target: z.string(),
  bufsize: bufsizeSchema,
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  tests: z.array(gradeTestSchema),
});
export type GradeReport = z.infer<typeof gradeReportSchema>;

/**
 * The student's own calls around a failed test's fault: real events of their traced process (its
 * prints and traceback included), `focus` the seq of the call that went wrong, when one did.
 */
export const studentTraceSchema = z.object({
  file: z.string(),
  events: z.array(socketEventSchema).max(2000),
  focus: z.number().int().nullable(),
  /** Events the process had in all; `events` may be a window of them. */
  total: z.number().int(),
});
export type StudentTrace = z.infer<typeof studentTraceSchema>;

/** One test of `lab grade --submission` (the --json document's shape). */
export const submissionTestSchema = z.object({
  name: z.string(),
  part: z.enum(['server', 'client']),
  ok: z.boolean().nullable(),
  detail: z.string(),
  trace: studentTraceSchema.optional(),
});
export type SubmissionTest = z.infer<typeof submissionTestSchema>;

export const submissionReportSchema = z.object({
  dir: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  tests: z.array(submissionTestSchema),
});
export type SubmissionReport = z.infer<typeof submissionReportSchema>;

/** The document `lab grade length-prefix --submission … --json` prints and `lab report` opens. */
export const classGradesSchema = z.object({ submissions: z.array(submissionReportSchema).max(2000) });
export type ClassGrades = z.infer<typeof classGradesSchema>;

const conn = z.object({ socket: z.string(), local: addressSchema, remote: addressSchema });

export const lengthPrefixStateSchema = z.object({
  bufsize: bufsizeSchema,
  maxFrame: maxFrameSchema,
  server: z
    .object({
      socket: z.string(),
      local: addressSchema,
      /** keep_running was set to False: the server stops after its current recv returns. */
      stopping: z.boolean(),
    })
    .nullable(),
  /** The one connection being served. */
  serving: conn.nullable(),
  /** Connections that completed the handshake and wait for accept(), oldest first. */
  waiting: z.array(z.object({ remote: addressSchema })),
  clients: z.array(conn.extend({ waitingForReply: z.boolean() })),
  grade: z.object({
    running: z.boolean(),
    /** While running: the tests done so far; after: the whole report. */
    report: gradeReportSchema.nullable(),
    /** While running: the test now running, and how many there are. */
    progress: z.object({ current: z.string(), index: z.number().int(), total: z.number().int() }).nullable(),
  }),
  /** Students' files: the folders the page may grade (in the folder named at launch), and the reports. */
  submissions: z.object({
    /** Where the folders are (null: no folder was named at launch). */
    root: z.string().nullable(),
    folders: z.array(z.string()),
    /** The folder being graded. */
    running: z.string().nullable(),
    /** Graded from the page or opened with `lab report`, in order: each student's totals. */
    list: z.array(z.object({ dir: z.string(), passed: z.number().int(), failed: z.number().int() })),
    /** The one report the page shows in full (its index in `list`), traces and all. */
    shown: z.object({ index: z.number().int(), report: submissionReportSchema }).nullable(),
  }),
});
export type LengthPrefixState = z.infer<typeof lengthPrefixStateSchema>;
