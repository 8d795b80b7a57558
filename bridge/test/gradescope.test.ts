// The Gradescope autograder the lab ships (bridge/src/labs/length-prefix/gradescope/), tried on
// folders laid out as Gradescope lays them out (/autograder/{source,submission,results}):
// run_autograder grades the student's files into results/results.json in Gradescope's documented
// format; a grader that cannot run still leaves a results.json that says so; make-zip.sh builds
// the zip a course uploads.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(bridgeDir, '..');
const here = path.join(bridgeDir, 'src', 'labs', 'length-prefix', 'gradescope');
const submissions = path.join(bridgeDir, 'test', 'python', 'submissions');

function run(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(file, args, { env: { ...process.env, ...env }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** A folder laid out as Gradescope's: source/, submission/ (with `files` copied in), results/. */
function autograderRoot(files?: { from: string; under: string }): string {
  const root = mkdtempSync(path.join(tmpdir(), 'autograder-'));
  for (const d of ['source', 'submission', 'results']) mkdirSync(path.join(root, d));
  if (files) cpSync(files.from, path.join(root, 'submission', files.under), { recursive: true });
  return root;
}

// Gradescope's "Autograder Specifications": the keys results.json may have, at the top and per test.
const TOP = new Set(['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard']);
const TEST = new Set(['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data']);
const VISIBILITY = new Set(['hidden', 'after_due_date', 'after_published', 'visible']);

/** What in `doc` breaks Gradescope's schema (empty when it is a valid results.json). */
function schemaProblems(doc: unknown): string[] {
  const out: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['not a JSON object'];
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!TOP.has(k)) out.push(`unknown key ${k}`);
  const tests = d.tests;
  if (d.score === undefined && !(Array.isArray(tests) && tests.every((t) => typeof (t as { score?: unknown }).score === 'number'))) out.push('no score, neither the total nor on every test');
  if (d.score !== undefined && typeof d.score !== 'number') out.push('score is not a number');
  if (d.execution_time !== undefined && !Number.isInteger(d.execution_time)) out.push('execution_time is not whole seconds');
  for (const k of ['output', 'visibility', 'stdout_visibility'] as const) if (d[k] !== undefined && typeof d[k] !== 'string') out.push(`${k} is not a string`);
  for (const k of ['visibility', 'stdout_visibility'] as const) if (typeof d[k] === 'string' && !VISIBILITY.has(d[k])) out.push(`${k} ${d[k]}`);
  if (tests !== undefined && !Array.isArray(tests)) out.push('tests is not a list');
  for (const [i, t] of (Array.isArray(tests) ? tests : []).entries()) {
    const r = t as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!TEST.has(k)) out.push(`tests[${i}]: unknown key ${k}`);
    for (const k of ['score', 'max_score'] as const) if (r[k] !== undefined && typeof r[k] !== 'number') out.push(`tests[${i}].${k} is not a number`);
    for (const k of ['name', 'number', 'output'] as const) if (r[k] !== undefined && typeof r[k] !== 'string') out.push(`tests[${i}].${k} is not a string`);
    if (r.status !== undefined && r.status !== 'passed' && r.status !== 'failed') out.push(`tests[${i}].status ${String(r.status)}`);
    if (typeof r.visibility === 'string' && !VISIBILITY.has(r.visibility)) out.push(`tests[${i}].visibility ${r.visibility}`);
  }
  return out;
}

interface Results {
  score: number;
  output: string;
  tests: Array<{ name: string; number: string; score: number; max_score: number; status: string; output: string }>;
}
const results = (root: string) => JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as Results;

describe('the Gradescope autograder', () => {
  it('grades a correct pair uploaded as a zipped folder (one level down): 17 of 17, a valid results.json, the report on stdout', async () => {
    const root = autograderRoot({ from: path.join(submissions, 'correct'), under: 'my-solution' });
    const r = await run(path.join(here, 'run_autograder'), [], { AUTOGRADER_ROOT: root, SOCKET_LAB: repo });
    expect(r.code).toBe(0);
    const doc = results(root);
    expect(schemaProblems(doc)).toEqual([]);
    expect(doc.tests.filter((t) => t.status !== 'passed')).toEqual([]);
    expect(doc.tests).toHaveLength(17);
    expect(doc.score).toBe(17);
    expect(doc.tests.map((t) => t.number).slice(0, 2)).toEqual(['1.1', '1.2']);
    expect(doc.tests.find((t) => t.name === 'server: server shuts down')).toMatchObject({ score: 1, max_score: 1 });
    expect(doc.tests.filter((t) => t.number.startsWith('2.'))).toHaveLength(8);
    expect(r.stdout).toMatch(/my-solution\n[\s\S]*17 passed, 0 failed/);
  }, 300_000);

  it('an upload without the files fails each with the file it lacks, score 0', async () => {
    const root = autograderRoot();
    await run(path.join(here, 'run_autograder'), [], { AUTOGRADER_ROOT: root, SOCKET_LAB: repo });
    const doc = results(root);
    expect(schemaProblems(doc)).toEqual([]);
    expect(doc.score).toBe(0);
    expect(doc.tests.map((t) => [t.status, t.output])).toEqual([
      ['failed', `no buffered_server.py in ${path.join(root, 'submission')}`],
      ['failed', `no buffered_client.py in ${path.join(root, 'submission')}`],
    ]);
  }, 60_000);

  it('a grader that cannot run still writes a results.json that says so', async () => {
    const root = autograderRoot({ from: path.join(submissions, 'correct'), under: '.' });
    const r = await run(path.join(here, 'run_autograder'), [], { AUTOGRADER_ROOT: root, SOCKET_LAB: path.join(root, 'no-lab-here') });
    expect(r.code).toBe(0);
    const doc = results(root);
    expect(schemaProblems(doc)).toEqual([]);
    expect(doc).toMatchObject({ score: 0, tests: [] });
    expect(doc.output).toMatch(/^The autograder could not grade this submission \(the grader exited with status \d+\)/);
  }, 60_000);

  it('make-zip.sh builds the upload: setup.sh and an executable run_autograder at the top, the lab in socket-lab/', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'zip-')), 'autograder.zip');
    const made = await run('bash', [path.join(here, 'make-zip.sh'), out]);
    expect(made.stderr).toBe('');
    const list = await run('python3', ['-c', 'import sys, zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(oct(i.external_attr >> 16), i.filename)', out]);
    const entries = new Map(list.stdout.trim().split('\n').map((l) => [l.split(' ')[1]!, l.split(' ')[0]!]));
    expect(entries.get('setup.sh')).toMatch(/^0o1007[57]5$/);
    expect(entries.get('run_autograder')).toMatch(/^0o1007[57]5$/);
    expect(entries.has('socket-lab/pnpm-lock.yaml')).toBe(true);
    expect(entries.has('socket-lab/bridge/src/cli.ts')).toBe(true);
    expect(entries.has('socket-lab/bridge/src/labs/length-prefix/submission/serve_submission.py')).toBe(true);
  }, 60_000);
});
