// Run / Step: in step mode every recv, sendall, recvfrom and sendto waits for Step (→, space or a clicker's PageDown).
import { useEffect } from 'react';
import type { PendingCall } from '@socket-lab/protocol';
import { useApp, useStore } from '../app-context.ts';
import { focusOwnsKey } from '../keys.ts';

function held(p: PendingCall): string {
  if (p.op.startsWith('send')) return `${p.socket}: ${p.op}(${p.arg ?? 0} bytes) waiting — nothing ${p.op === 'sendto' ? 'sent' : 'written'} yet`;
  if (p.datagrams) {
    const { queued, dropped } = p.datagrams;
    const more = queued > 1 ? ` (${queued} datagrams waiting)` : '';
    const lost = dropped > 0 ? `; ${dropped} dropped, the bridge keeps at most ${MAX_HELD_DATAGRAMS}` : '';
    return `${p.socket}: recvfrom(${p.arg ?? ''}) waiting — a ${p.waiting}-byte datagram arrived, not yet read${more}${lost}`;
  }
  return `${p.socket}: ${p.op}(${p.arg ?? ''}) waiting — ${p.waiting} bytes arrived, not yet read`;
}

/** The bridge's queue of datagrams for a held recvfrom (MAX_HELD_DATAGRAMS in recorded-udp.ts). */
const MAX_HELD_DATAGRAMS = 256;

const STEP_KEYS = new Set(['ArrowRight', ' ', 'PageDown']);

/** `lab`: the lab on screen, for saying what step mode cannot hold there. */
export function StepControls({ lab }: { lab: string }) {
  const store = useStore();
  const { client } = useApp();
  const { mode, pending } = store.stepper;
  const open = store.status.kind === 'open';
  const fail = (err: Error) => store.notify('error', err.message);
  const step = () => void client.request({ type: 'step' }).catch(fail);
  const setMode = (m: 'run' | 'step') => void client.request({ type: 'step-mode', mode: m }).catch(fail);

  useEffect(() => {
    if (mode !== 'step') return;
    const onKey = (e: KeyboardEvent) => {
      if (focusOwnsKey(e)) return;
      // Only when a call is held: otherwise the key is the deck's (next slide) or nobody's.
      if (!STEP_KEYS.has(e.key) || store.stepper.pending.length === 0) return;
      e.preventDefault();
      void client.request({ type: 'step' }).catch(() => undefined);
    };
    // On document, so it runs before the deck's window listener, which skips handled keys.
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [mode, client, store]);

  return (
    <div className="step-controls" role="group" aria-label="Stepping">
      <button type="button" aria-pressed={mode === 'step'} disabled={!open} onClick={() => setMode(mode === 'step' ? 'run' : 'step')}>
        {mode === 'step' ? 'Run' : 'Step mode'}
      </button>
      {mode === 'step' && (
        <>
          <button type="button" disabled={!open || pending.length === 0} onClick={step} title="→, space or PageDown">
            Step →
          </button>
          <span role="status" aria-label="Held calls" className="state-note">
            {pending.length === 0
              ? 'nothing waiting'
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
