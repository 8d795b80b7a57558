// The Programs tab: pick one of the course's programs (or one from the folder named at launch),
// give it arguments and stdin, Run; each run can be stopped. Its calls appear in the lanes.
import { useEffect, useState } from 'react';
import { useStore } from '../../app-context.ts';
import { useLabCommand } from '../use-lab-command.ts';
import { joinArgs, splitArgs } from './split-args.ts';

export function ProgramsControls() {
  const store = useStore();
  const state = store.state('programs');
  const connected = store.status.kind === 'open';
  const { run } = useLabCommand('programs');
  const [program, setProgram] = useState('');
  const [args, setArgs] = useState('');
  const [stdin, setStdin] = useState('');
  useEffect(() => {
    if (connected) void run({ op: 'list' });
  }, [connected, run]);
  const programs = state?.programs ?? [];
  const chosen = programs.find((p) => p.id === program) ?? programs[0];
  const pick = (id: string) => {
    setProgram(id);
    setArgs(joinArgs(programs.find((p) => p.id === id)?.args ?? []));
  };
  useEffect(() => {
    if (!program && programs[0]) pick(programs[0].id);
    // Only the first list picks a program; later lists keep the user's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programs.length]);
  const runs = state?.runs ?? [];
  return (
    <div className="lab-controls">
      <form
        className="control-group"
        aria-label="Run a program"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (chosen) void run({ op: 'run', program: chosen.id, args: splitArgs(args), stdin });
        }}
      >
        <h2>Program</h2>
        <label>
          Program{' '}
          <select value={chosen?.id ?? ''} onChange={(e) => pick(e.target.value)}>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.source === 'course' ? p.name : `${p.name} (your folder)`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Arguments <input value={args} onChange={(e) => setArgs(e.target.value)} size={18} />
        </label>
        <label>
          stdin <input value={stdin} onChange={(e) => setStdin(e.target.value)} size={10} />
        </label>
        <button type="submit" disabled={!connected || !chosen}>
          Run
        </button>
        <span className="state-note">{chosen?.about ?? (state?.folder ? `no .py files in ${state.folder}` : '')}</span>
      </form>
      {runs.length > 0 && (
        <ul className="control-group runs" aria-label="Runs">
          {runs.map((r) => (
            <li key={r.run}>
              <code>
                python3 {r.argv.join(' ')}
              </code>{' '}
              <span>{r.pid ? `pid ${r.pid}` : ''}</span>{' '}
              {r.running ? (
                <button type="button" onClick={() => void run({ op: 'stop', run: r.run })}>
                  Stop
                </button>
              ) : (
                <span role="status">{r.exit?.signal ? `ended by ${r.exit.signal}` : `exit status ${r.exit?.code ?? '?'}`}</span>
              )}
              {r.dropped > 0 && <span> · {r.dropped} output lines dropped past the cap</span>}
            </li>
          ))}
        </ul>
      )}
      {state?.kernel === 'unavailable' && <p className="state-note">The kernel view (TCP states and queues) is Linux-only; the rest works here.</p>}
      {state?.attach && (
        <details className="attach-note">
          <summary>Your own program, from a terminal</summary>
          <p>
            Run <code>pnpm lab run --attach -- python3 my_program.py</code>, or set <code>{state.attach.env}</code> in any terminal or IDE: its calls show
            here, its output stays there.
          </p>
        </details>
      )}
    </div>
  );
}
