// The grader's report as text for a terminal: one line per test, the reason under each failure.
import type { GradeReport } from '@socket-lab/protocol';

export function printReport(r: GradeReport, out: NodeJS.WritableStream): void {
  out.write(`Grading ${r.target} with BUF_SIZE ${r.bufsize} (seed 004 test cases)\n`);
  for (const t of r.tests) {
    const mark = t.ok === true ? 'PASS' : t.ok === false ? 'FAIL' : 'SKIP';
    out.write(`  ${mark}  ${t.name}${t.ok === true ? '' : `\n        ${t.detail}`}\n`);
  }
  out.write(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} not run` : ''}\n`);
}
