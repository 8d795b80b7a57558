// Grading from the page: only folders of the one named at launch, looked up by name; and the
// class document `lab report` opens, with a clear word for a file that is not one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../src/labs/lab.ts';
import { PageGrades, submissionFolders } from '../src/labs/length-prefix/submission/page-grades.ts';
import { readGrades } from '../src/open-report.ts';

function classFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'class-'));
  for (const [dir, file] of [['bob', 'buffered_server.py'], ['alice', 'buffered_client.py'], ['notes', 'README.md'], ['.git', 'buffered_server.py']] as const) {
    mkdirSync(path.join(root, dir));
    writeFileSync(path.join(root, dir, file), '');
  }
  return root;
}

describe('submissionFolders', () => {
  it("lists the folders that hold a student's files, sorted; not others, not hidden ones; the root itself as '.'", () => {
    const root = classFolder();
    expect(submissionFolders(root)).toEqual(['alice', 'bob']);
    writeFileSync(path.join(root, 'buffered_server.py'), '');
    expect(submissionFolders(root)).toEqual(['.', 'alice', 'bob']);
    expect(submissionFolders(null)).toEqual([]);
    expect(submissionFolders(path.join(root, 'gone'))).toEqual([]);
  });
});

describe('PageGrades', () => {
  it('refuses a folder it did not list, a path included, and says why; with no folder at launch, says how to name one', async () => {
    const grades = new PageGrades(classFolder(), [], () => {});
    for (const folder of ['../etc', '/tmp', 'notes', 'carol']) {
      await expect(grades.grade(folder, { bufsize: 1024, maxFrame: 1 << 20 })).rejects.toThrow(/^no folder ".*" with buffered_server\.py or buffered_client\.py in /);
    }
    await expect(new PageGrades(null, [], () => {}).grade('bob', { bufsize: 1024, maxFrame: 1 << 20 })).rejects.toThrow(/start the lab with --programs/);
    expect(() => grades.show(0)).toThrow(LabError);
  });

  it('shows the first opened report, and another on demand', () => {
    const report = (dir: string) => ({ dir, passed: 1, failed: 0, tests: [{ name: 'short message', part: 'server' as const, ok: true, detail: 'passed' }] });
    let published = 0;
    const grades = new PageGrades(null, [report('a'), report('b')], () => published++);
    expect(grades.state()).toMatchObject({ root: null, folders: [], running: null, list: [{ dir: 'a' }, { dir: 'b' }], shown: { index: 0, report: { dir: 'a' } } });
    grades.show(1);
    expect(grades.state().shown).toMatchObject({ index: 1, report: { dir: 'b' } });
    expect(published).toBe(1);
  });
});

describe('readGrades (lab report)', () => {
  const file = (text: string) => {
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'grades-')), 'grades.json');
    writeFileSync(f, text);
    return f;
  };
  it('reads the document grade --submission --json prints', () => {
    const r = readGrades(file(JSON.stringify({ submissions: [{ dir: '/s/bob', passed: 0, failed: 1, tests: [{ name: 'x is there', part: 'server', ok: false, detail: 'no x' }] }] })));
    expect(r).toMatchObject({ ok: true, grades: [{ dir: '/s/bob' }] });
  });
  it('says what is wrong with a file that is not one', () => {
    expect(readGrades('/nonexistent/grades.json')).toMatchObject({ ok: false, message: expect.stringMatching(/^cannot read \/nonexistent\/grades\.json: ENOENT/) });
    expect(readGrades(file('{"submissions": ['))).toMatchObject({ ok: false, message: expect.stringMatching(/is not JSON \(.*\): give the document `lab grade length-prefix --submission … --json` printed$/) });
    expect(readGrades(file('{"submissions": [{"dir": 3}]}'))).toMatchObject({ ok: false, message: expect.stringMatching(/is not a class's grades: at submissions\.0\.dir, /) });
    expect(readGrades(file('{"submissions": []}'))).toMatchObject({ ok: false, message: expect.stringMatching(/holds no submissions$/) });
  });
});
