// A whole class: each submission folder graded (gradeSubmission), up to one per core at a time,
// a progress line per student, and the gradebook forms: one JSON document, or CSV.
import { availableParallelism } from 'node:os';
import { gradeSubmission, type SubmissionOptions, type SubmissionReport } from './submission.ts';

export async function gradeClass(dirs: string[], o: SubmissionOptions, progress: (line: string) => void): Promise<SubmissionReport[]> {
  const out: SubmissionReport[] = new Array(dirs.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const i = next++;
      const t0 = Date.now();
      out[i] = await gradeSubmission(dirs[i]!, o);
      done++;
      progress(`[${done}/${dirs.length}] ${out[i]!.dir}: ${out[i]!.passed} passed, ${out[i]!.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), dirs.length)) }, worker));
  return out;
}

/** SPEC's document: `{ "submissions": [{ "dir", "passed", "failed", "tests": [{ "name", "part", "ok", "detail" }] }] }`. */
export function classJson(reports: SubmissionReport[]): string {
  return JSON.stringify({ submissions: reports }, null, 2) + '\n';
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A gradebook: a row per submission, a column per test (1 passed, 0 failed, empty not run). */
export function classCsv(reports: SubmissionReport[]): string {
  const names = [...new Set(reports.flatMap((r) => r.tests.map((t) => `${t.part}: ${t.name.replace(/^client: /, '')}`)))];
  const rows = [['dir', 'passed', 'failed', ...names]];
  for (const r of reports) {
    const by = new Map(r.tests.map((t) => [`${t.part}: ${t.name.replace(/^client: /, '')}`, t.ok]));
    rows.push([r.dir, String(r.passed), String(r.failed), ...names.map((n) => (by.get(n) === true ? '1' : by.get(n) === false ? '0' : ''))]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
