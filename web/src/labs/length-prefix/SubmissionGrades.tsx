// Students' files graded as the autograder does: a folder graded from the page, or a class's
// report opened with `pnpm lab report grades.json`. Each failure opens the student's own calls
// (their traced process), at the call that went wrong, with their file and line.
import type { LengthPrefixState, SocketEvent, StudentTrace, SubmissionTest } from '@socket-lab/protocol';
import { Fragment, useEffect, useRef, useState } from 'react';
import { useStore } from '../../app-context.ts';
import { pythonLine } from '../../python-line.ts';
import { useLengthPrefixCommand } from './use-command.ts';

type Submissions = LengthPrefixState['submissions'];

export function SubmissionGrades({ submissions: s }: { submissions: Submissions }) {
  const store = useStore();
  const { run } = useLengthPrefixCommand();
  const [folder, setFolder] = useState('');
  const chosen = s.folders.includes(folder) ? folder : (s.folders[0] ?? '');
  const shown = s.shown;
  const open = store.status.kind === 'open';
  return (
    <div className="submissions">
      {s.root !== null ? (
        <form
          className="control-group"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (chosen) void run({ op: 'grade-folder', folder: chosen });
          }}
        >
          <h3>Grade a folder</h3>
          <label>
            Folder{' '}
            <select value={chosen} onChange={(e) => setFolder(e.target.value)} disabled={s.folders.length === 0}>
              {s.folders.map((f) => (
                <option key={f} value={f}>
                  {f === '.' ? `${s.root} itself` : f}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!open || !chosen || s.running !== null}>
            {s.running !== null ? 'Grading…' : 'Grade folder'}
          </button>
          {s.folders.length === 0 && <span className="state-note">no folder in {s.root} holds buffered_server.py or buffered_client.py</span>}
          {s.running !== null && (
            <span className="state-note" role="status" aria-label="Folder grade progress">
              grading {s.running}: each test in a fresh Python process, traced…
            </span>
          )}
        </form>
      ) : (
        shown === null && <p className="state-note">To grade students’ files from here, start the lab with <code>--programs ./submissions</code> (a folder of students’ folders).</p>
      )}
      {s.list.length > 1 && (
        <label className="control-group">
          Student{' '}
          <select value={shown?.index ?? 0} onChange={(e) => void run({ op: 'show-report', index: Number(e.target.value) })}>
            {s.list.map((r, i) => (
              <option key={i} value={i}>
                {r.dir}: {r.passed} passed, {r.failed} failed
              </option>
            ))}
          </select>
        </label>
      )}
      {shown && <SubmissionReportView key={`${shown.index}:${shown.report.dir}`} tests={shown.report.tests} dir={shown.report.dir} passed={shown.report.passed} failed={shown.report.failed} />}
    </div>
  );
}

function SubmissionReportView({ tests, dir, passed, failed }: { tests: SubmissionTest[]; dir: string; passed: number; failed: number }) {
  const firstFail = tests.findIndex((t) => t.ok === false);
  const failRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => failRow.current?.scrollIntoView({ block: 'nearest' }), []);
  return (
    <>
      <p className="state-note" role="status" aria-label="Submission summary">
        {dir}: {passed} passed, {failed} failed
      </p>
      <table className="grade-table submission-table" aria-label="Submission results">
        <colgroup>
          <col className="col-test" />
          <col className="col-result" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Result</th>
            <th scope="col">Why, and the student’s calls</th>
          </tr>
        </thead>
        <tbody>
          {tests.map((t, i) => {
            const name = t.part === 'server' ? `server: ${t.name}` : t.name;
            return (
              <Fragment key={`${t.part}:${t.name}`}>
                <tr className={t.ok === true ? 'pass' : t.ok === false ? 'fail' : 'skip'} ref={i === firstFail ? failRow : undefined}>
                  <th scope="row">{name}</th>
                  <td>{t.ok === true ? 'PASS' : t.ok === false ? 'FAIL' : 'NOT RUN'}</td>
                  <td>{t.detail}</td>
                </tr>
                {/* The calls get the table's whole width: code lines are long, the side column narrow. */}
                {t.trace && (
                  <tr className="calls-row">
                    <td colSpan={3}>
                      <StudentCalls trace={t.trace} test={name} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The student's calls around the fault; opening it lands on the call that went wrong. */
function StudentCalls({ trace, test }: { trace: StudentTrace; test: string }) {
  const focus = useRef<HTMLLIElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || !focus.current) return;
    focus.current.scrollIntoView({ block: 'center', inline: 'nearest' });
    focus.current.focus();
  }, [open]);
  const n = trace.events.length;
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {test}: the student’s calls, {n === trace.total ? `${n}` : `${n} of ${trace.total}`} events of {trace.file}
        {trace.focus !== null ? ', at the one that went wrong' : ''}
      </summary>
      <ol className="student-calls" aria-label={`calls of ${trace.file} in ${test}`}>
        {trace.events.map((e) => (
          <li key={e.seq} ref={e.seq === trace.focus ? focus : undefined} aria-current={e.seq === trace.focus ? 'step' : undefined} tabIndex={e.seq === trace.focus ? -1 : undefined} className={e.op === 'output' ? 'output' : undefined}>
            <CallLine e={e} />
          </li>
        ))}
      </ol>
    </details>
  );
}

function CallLine({ e }: { e: SocketEvent }) {
  if (e.op === 'output') return <code className={e.output?.stream === 'stderr' ? 'stderr' : undefined}>{e.output?.text}</code>;
  const line = pythonLine(e);
  const where = e.where ? `${e.where.file.split('/').at(-1)}:${e.where.line}` : e.thread ?? '';
  return (
    <>
      <span className="call-where">{where}</span> <code>{line.code}</code>
      {line.result && <span className="call-result"> → {line.result}</span>}
    </>
  );
}
