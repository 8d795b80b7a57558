// The grader: seed 004's test cases against this lab's server or any loopback host:port.
import { fromHex, pythonBytesRepr } from '@socket-lab/bytes';
import type { GradeTest } from '@socket-lab/protocol';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from '../../app-context.ts';
import { parseTarget } from './grade-target.ts';
import { SubmissionGrades } from './SubmissionGrades.tsx';
import { useLengthPrefixCommand } from './use-command.ts';

export function GraderPanel() {
  const store = useStore();
  const grade = store.state('length-prefix')?.grade;
  const submissions = store.state('length-prefix')?.submissions;
  const [target, setTarget] = useState('');
  const { run } = useLengthPrefixCommand();
  const parsed = parseTarget(target);
  const connected = store.status.kind === 'open';
  // The lab publishes its state on its first command: ask, so folders and an opened report show at once.
  useEffect(() => {
    if (connected) void run({ op: 'list' });
  }, [connected, run]);
  const report = grade?.report;
  const progress = grade?.progress ?? null;
  // The first failure is what a student came for: bring its row into view once, when it appears.
  const firstFail = report?.tests.find((t) => t.ok === false)?.name ?? null;
  const failRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (firstFail) failRow.current?.scrollIntoView({ block: 'nearest' });
  }, [firstFail, report?.target]);
  return (
    <section className="grader" aria-label="Grader">
      <form
        className="control-group"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (parsed !== 'bad') void run({ op: 'grade', target: parsed });
        }}
      >
        <h2>Grader</h2>
        <label>
          Target <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="this lab's server, or 127.0.0.1:port" size={30} aria-invalid={parsed === 'bad'} />
        </label>
        <button type="submit" disabled={store.status.kind !== 'open' || grade?.running || parsed === 'bad'}>
          {grade?.running ? 'Grading…' : 'Run grader'}
        </button>
        {parsed === 'bad' && <span className="field-error">host:port or a port, e.g. 127.0.0.1:65433 or 65433</span>}
        {parsed && parsed !== 'bad' && !/:/.test(target) && <span className="state-note">grades 127.0.0.1:{parsed.port}</span>}
        {progress ? (
          <span className="state-note" role="status" aria-label="Grade progress">
            test {progress.index + 1} of {progress.total}: {progress.current}…
          </span>
        ) : report && (
          <span className="state-note" role="status" aria-label="Grade summary">
            {report.target}, BUF_SIZE {report.bufsize}: {report.passed} passed, {report.failed} failed{report.skipped ? `, ${report.skipped} not run` : ''}
          </span>
        )}
      </form>
      {report && (
        <table className="grade-table" aria-label="Grader results">
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Result</th>
              <th scope="col">Why, and the bytes</th>
            </tr>
          </thead>
          <tbody>
            {report.tests.map((t) => (
              <GradeRow key={t.name} test={t} rowRef={t.name === firstFail ? failRow : undefined} />
            ))}
            {progress && (
              <tr className="running">
                <th scope="row">{progress.current}</th>
                <td>running…</td>
                <td />
              </tr>
            )}
          </tbody>
        </table>
      )}
      {submissions && <SubmissionGrades submissions={submissions} />}
    </section>
  );
}

function GradeRow({ test: t, rowRef }: { test: GradeTest; rowRef: RefObject<HTMLTableRowElement | null> | undefined }) {
  const result = t.ok === true ? 'PASS' : t.ok === false ? 'FAIL' : 'NOT RUN';
  return (
    <tr className={t.ok === true ? 'pass' : t.ok === false ? 'fail' : 'skip'} ref={rowRef}>
      <th scope="row">{t.name}</th>
      <td>{result}</td>
      <td>
        <div>{t.detail}</div>
        {(t.sent.length > 0 || t.received.length > 0) && (
          <details>
            <summary>
              bytes: {t.sent.length} sent, {t.received.length} recv chunks
            </summary>
            <BytesList label="sent (one frame per sendall)" chunks={t.sent} framed />
            <BytesList label="received (one line per recv)" chunks={t.received} framed={false} />
          </details>
        )}
      </td>
    </tr>
  );
}

/** Sent chunks are whole frames, so their header is shown apart; received chunks are recv() results. */
function BytesList({ label, chunks, framed }: { label: string; chunks: string[]; framed: boolean }) {
  const body = (h: string) => `${pythonBytesRepr(fromHex(h.slice(0, 120)))}${h.length > 120 ? '…' : ''}`;
  return (
    <ol className="bytes-list" aria-label={`${label} bytes`}>
      <li className="bytes-list-label">{label}</li>
      {chunks.slice(0, 50).map((h, i) => (
        <li key={i}>
          {framed ? (
            <>
              <mark className="hex-header">{h.slice(0, 8).replace(/(..)(?!$)/g, '$1 ')}</mark> <code>{body(h.slice(8))}</code>
            </>
          ) : (
            <code>{body(h)}</code>
          )}
        </li>
      ))}
      {chunks.length > 50 && <li>… {chunks.length - 50} more</li>}
    </ol>
  );
}
