// Grading students' files as seed 004's autograder does (`lab grade length-prefix --submission`):
// a correct pair passes every server and client test; a pair with a little-endian server and an
// unbuffered client, and each typical mistake of test/mistakes.ts, fail with the reasons that name
// them. JSON and CSV checked.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubmissionReport } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { MISTAKES, submissionWith } from './mistakes.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const submissions = path.join(bridgeDir, 'test', 'python', 'submissions');

interface Doc {
  submissions: SubmissionReport[];
}

describe('lab grade length-prefix --submission', () => {
  // One run over the correct pair, the hand-written wrong pair and each of seed 004's typical
  // mistakes: every mistake fails exactly its tests, with the words that name it, and passes the rest.
  it('grades a class: the correct pair passes all 17 tests; each mistake fails exactly the tests that show it, saying what it is', async () => {
    const csv = path.join(mkdtempSync(path.join(tmpdir(), 'grades-')), 'grades.csv');
    const root = mkdtempSync(path.join(tmpdir(), 'class-'));
    const dirs = [submissionWith(null, root), path.join(submissions, 'wrong'), ...MISTAKES.map((m) => submissionWith(m, root))];
    const args = ['--import', 'tsx', 'src/cli.ts', 'grade', 'length-prefix', '--submission', ...dirs, '--json', '--csv', csv];
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, args, { cwd: bridgeDir, timeout: 900_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as Doc;
    expect(doc.submissions.map((s) => s.dir)).toEqual(dirs);
    const [correct, wrong, ...mutants] = doc.submissions;
    expect(correct!.tests.filter((t) => t.ok !== true)).toEqual([]);
    expect(correct).toMatchObject({ passed: 17, failed: 0 });
    expect(correct!.tests.filter((t) => t.part === 'server')).toHaveLength(9);
    expect(correct!.tests.find((t) => t.name === 'server shuts down')!.ok).toBe(true);

    const server = wrong!.tests.filter((t) => t.part === 'server' && t.name !== 'server shuts down');
    expect(server.every((t) => t.ok === false && /so your server reads the length header little-endian/.test(t.detail))).toBe(true);
    const client = Object.fromEntries(wrong!.tests.filter((t) => t.part === 'client').map((t) => [t.name, t]));
    expect(client['client: short message']!.ok).toBe(true);
    expect(client['client: medium message']!.detail).toMatch(/^message 1: receive_message\(\) returned ".*"… \(1020 characters\), expected ".*"… \(1235\)$/);
    expect(client['client: after shutdown(), send_message raises OSError']!.ok).toBe(true);

    for (const [i, m] of MISTAKES.entries()) {
      const tests = mutants[i]!.tests;
      // Named tests that do not exist would make the check below vacuous.
      expect(Object.keys(m.fails).filter((n) => !tests.some((t) => t.name === n)), m.name).toEqual([]);
      expect(tests.filter((t) => t.ok !== true).map((t) => t.name), m.name).toEqual(tests.map((t) => t.name).filter((n) => n in m.fails));
      for (const t of tests.filter((t) => t.name in m.fails)) {
        expect(t.detail, `${m.name}: ${t.name}`).toMatch(m.fails[t.name]!);
        // Each failure carries the student's own calls, in the file that has the mistake.
        expect(t.trace?.file, `${m.name}: ${t.name}`).toBe(m.file);
        expect(t.trace!.events.length, `${m.name}: ${t.name}`).toBeGreaterThan(0);
      }
    }
    expect(correct!.tests.filter((t) => t.trace)).toEqual([]);
    // The call the page lands on is the one that went wrong.
    const focused = (mistake: string, test: string) => {
      const t = mutants[MISTAKES.findIndex((m) => m.name === mistake)]!.tests.find((x) => x.name === test)!;
      return t.trace!.events.find((e) => e.seq === t.trace!.focus);
    };
    expect(focused('reads past the frame', 'short message')).toMatchObject({ op: 'recv', where: { code: expect.stringContaining('conn.recv(self.buffer_size)') } });
    expect(focused('a single recv', 'short message')).toMatchObject({ op: 'recv', where: { file: expect.stringMatching(/buffered_server\.py$/) } });
    expect(focused('client header counts characters', 'client: multibyte UTF-8 message (extra: bytes vs characters)')).toMatchObject({ op: 'sendall', size: 51 });

    // A progress line per student on stderr, and the gradebook.
    expect(stderr.match(/^\[\d+\/11\] .*: \d+ passed, \d+ failed \([\d.]+ s\)$/gm)).toHaveLength(11);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows).toHaveLength(12);
    expect(rows[0]!.split(',').slice(0, 4)).toEqual(['dir', 'passed', 'failed', 'server: short message']);
    expect(rows[1]!.split(',').slice(1)).toEqual(['17', '0', ...Array(17).fill('1')]);
    expect(rows[2]!.split(',').slice(1, 4)).toEqual(['4', '13', '0']);
  }, 960_000);

  it('a folder without the files says which file is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'empty-submission-'));
    const out = await new Promise<string>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'grade', 'length-prefix', '--submission', empty, '--json'], { cwd: bridgeDir }, (_e, stdout) => resolve(stdout)),
    );
    const doc = JSON.parse(out) as Doc;
    expect(doc.submissions[0]!.tests.map((t) => t.detail)).toEqual([`no buffered_server.py in ${empty}`, `no buffered_client.py in ${empty}`]);
  }, 60_000);
});
