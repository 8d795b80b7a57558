// The grader's report as text for a terminal: one line per test, the reason under each failure.
import type { GradeReport } from '@socket-lab/protocol';
import type { SubmissionReport } from './labs/length-prefix/submission/submission.ts';

export function printReport(r: GradeReport, out: NodeJS.WritableStream): void {
  out.write(`Grading ${r.target} with BUF_SIZE ${r.bufsize} (seed 004 test cases)\n`);
  for (const t of r.tests) {
    const mark = t.ok === true ? 'PASS' : t.ok === false ? 'FAIL' : 'SKIP';
    out.write(`  ${mark}  ${t.name}${t.ok === true ? '' : `\n        ${t.detail}`}\n`);
  }
  out.write(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} not run` : ''}\n`);
}

/** One student's folder: its server's tests, then its client's, each failure with its reason. */
export function printSubmission(r: SubmissionReport, out: NodeJS.WritableStream): void {
  out.write(`${r.dir}\n`);
  for (const t of r.tests) {
    const mark = t.ok === true ? 'PASS' : t.ok === false ? 'FAIL' : 'SKIP';
    out.write(`  ${mark}  ${t.part === 'server' ? 'server: ' : ''}${t.name}${t.ok === true ? '' : `\n        ${t.detail}`}\n`);
  }
  out.write(`${r.passed} passed, ${r.failed} failed\n`);
}
