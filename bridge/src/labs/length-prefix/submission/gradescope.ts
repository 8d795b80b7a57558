// One student's grades as Gradescope's autograder results.json: its documented format
// ("Autograder Specifications": `tests` with `name`, `score`, `max_score`, `status`, `output`, and
// the submission's `score` and `execution_time`). Each test is worth one point, so the total reads
// as the number of tests passed, as the terminal report counts them.
import type { SubmissionReport } from './submission.ts';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  stdout_visibility: 'visible';
  tests: GradescopeTest[];
}

export function gradescopeResults(r: SubmissionReport, seconds: number): GradescopeResults {
  const count = { server: 0, client: 0 };
  const tests = r.tests.map((t): GradescopeTest => {
    count[t.part]++;
    const passed = t.ok === true;
    return {
      name: t.part === 'server' ? `server: ${t.name}` : t.name,
      // Server tests are 1.x and client tests 2.x, in the order they ran.
      number: `${t.part === 'server' ? 1 : 2}.${count[t.part]}`,
      score: passed ? 1 : 0,
      max_score: 1,
      status: passed ? 'passed' : 'failed',
      output: passed ? 'passed' : t.ok === null ? `not run: ${t.detail}` : t.detail,
      visibility: 'visible',
    };
  });
  const score = tests.reduce((s, t) => s + t.score, 0);
  return {
    score,
    execution_time: Math.round(seconds),
    output: `Socket Lab graded buffered_server.py and buffered_client.py as seed 004's autograder does: ${score} of ${tests.length} tests passed.`,
    stdout_visibility: 'visible',
    tests,
  };
}
