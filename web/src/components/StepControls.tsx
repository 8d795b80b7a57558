// Run / Pause / Step: when paused (step mode) every recv, sendall, recvfrom and sendto waits for Step (→, space or a clicker's PageDown).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApp, useStore } from '../app-context.ts';
import { focusOwnsKey } from '../keys.ts';
import { held } from '../held-text.ts';
import { useStep } from '../step-request.ts';

const STEP_KEYS = new Set(['ArrowRight', ' ', 'PageDown']);
/** How long after a step a step key with nothing held is swallowed instead of passed on (the deck's next slide). */
const STEP_SETTLE_MS = 400;
/** Run and Pause by letter, on every lab page and in the deck. */
const MODE_KEYS: Record<string, 'run' | 'step'> = { r: 'run', p: 'step' };

/** `lab`: the lab on screen, for saying what step mode cannot hold there. */
export function StepControls({ lab }: { lab: string }) {
  const store = useStore();
  const { client } = useApp();
  const { mode, pending } = store.stepper;
  const open = store.status.kind === 'open';
  const fail = (err: Error) => store.notify('error', err.message);
  // Just after a step the next call may not be held yet. For a moment the bar says so, and a
  // step key with nothing held is swallowed rather than passed on (the deck's next slide).
  const [settling, setSettling] = useState(false);
  const settlingRef = useRef(false);
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const stepped = useCallback(() => {
    settlingRef.current = true;
    setSettling(true);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => {
      settlingRef.current = false;
      setSettling(false);
    }, STEP_SETTLE_MS);
  }, []);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  const release = useStep();
  const step = () => {
    stepped();
    release();
  };
  const setMode = (m: 'run' | 'step') => void client.request({ type: 'step-mode', mode: m }).catch(fail);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (focusOwnsKey(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      const wanted = MODE_KEYS[e.key.toLowerCase()];
      if (wanted) {
        e.preventDefault();
        if (wanted !== store.stepper.mode) void client.request({ type: 'step-mode', mode: wanted }).catch(() => undefined);
        return;
      }
      if (store.stepper.mode !== 'step' || !STEP_KEYS.has(e.key)) return;
      // Only when a call is held (or one may be about to be): otherwise the key is the deck's or nobody's.
      if (store.stepper.pending.length === 0) {
        if (settlingRef.current) e.preventDefault();
        return;
      }
      e.preventDefault();
      stepped();
      release(undefined, true);
    };
    // On document, so it runs before the deck's window listener, which skips handled keys.
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, client, store, stepped]);

  return (
    <div className="step-controls" role="group" aria-label="Stepping">
      <button type="button" className="run" aria-pressed={mode === 'run'} disabled={!open} onClick={() => setMode('run')} title="R: every call runs as it comes">
        Run
      </button>
      <button type="button" className="pause" aria-pressed={mode === 'step'} disabled={!open} onClick={() => setMode('step')} title="P: hold every socket call until Step">
        Pause
      </button>
      <button type="button" disabled={!open || mode !== 'step' || pending.length === 0} onClick={step} title="→, space or PageDown">
        Step →
      </button>
      {mode === 'run' && <span className="state-note">keys: P pause · → step · R run</span>}
      {mode === 'step' && (
        <>
          <span role="status" aria-label="Held calls" className="state-note">
            {pending.length === 0
              ? settling
                ? 'stepped; is another call coming…'
                : 'nothing waiting'
              : pending.map(held).join(' · ')}
          </span>
          {(lab === 'udp-echo' || lab === 'add-one') && (
            <span className="state-note">
              Node reads each datagram as it arrives, so a held recvfrom&rsquo;s datagrams wait in the bridge, not in the kernel as in Python. The relay is not held.
            </span>
          )}
        </>
      )}
    </div>
  );
}
