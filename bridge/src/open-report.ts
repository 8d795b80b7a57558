// `lab report grades.json`: serves the page with a class's grades (`lab grade --submission --json`)
// in the length-prefix grader, each failure with the student's own calls.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classGradesSchema, type SubmissionReport } from '@socket-lab/protocol';
import { startBridge } from './app.ts';
import { formatPyError, toPyError } from './python-errors.ts';
import { onStopSignal } from './stop-signal.ts';
import { ensureWebBuilt } from './web-build.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The class's reports in `file`, or why they cannot be read (said as the user would fix it). */
export function readGrades(file: string): { ok: true; grades: SubmissionReport[] } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${file}: ${(e as Error).message}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${file} is not JSON (${(e as Error).message}): give the document \`lab grade length-prefix --submission … --json\` printed` };
  }
  const parsed = classGradesSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${file} is not a class's grades: at ${issue.path.join('.') || 'the top'}, ${issue.message} (expected { "submissions": [{ "dir", "passed", "failed", "tests" }] }, as \`lab grade --submission --json\` prints)` };
  }
  if (parsed.data.submissions.length === 0) return { ok: false, message: `${file} holds no submissions` };
  return { ok: true, grades: parsed.data.submissions };
}

export async function openReport(file: string, port: number): Promise<void> {
  const read = readGrades(file);
  if (!read.ok) {
    process.stderr.write(`${read.message}\n`);
    process.exit(2);
  }
  if (process.env.SOCKET_LAB_SKIP_BUILD !== '1') ensureWebBuilt(repoRoot);
  const bridge = await startBridge({ host: '127.0.0.1', port, grades: read.grades }).catch((err: unknown) => {
    process.stderr.write(`Cannot listen on 127.0.0.1:${port}: ${formatPyError(toPyError(err))}\nTry: PORT=5174 pnpm lab report ${file}\n`);
    process.exit(1);
  });
  const n = read.grades.length;
  process.stdout.write(`Socket Lab is running: ${bridge.url}\n`);
  process.stdout.write(`The grades of ${n} submission${n === 1 ? '' : 's'} from ${file}: ${bridge.url}#/length-prefix\n`);
  onStopSignal(() => bridge.close());
}
