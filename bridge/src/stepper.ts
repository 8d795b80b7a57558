// Step mode: every recv, sendall, recvfrom and sendto waits for a Step; recv's bytes stay in the kernel until then.
import type { PendingCall } from '@socket-lab/protocol';

interface Waiter {
  call: PendingCall;
  resume: () => void;
}

export class Stepper {
  private mode: 'run' | 'step' = 'run';
  private readonly waiting = new Map<object, Waiter>();
  private readonly granted = new Set<object>();

  private readonly modeWatchers = new Set<(stepping: boolean) => void>();

  constructor(private readonly changed: () => void) {}

  /** Calls `cb` on every change of mode (traced programs hold their own calls, so they are told). */
  watchMode(cb: (stepping: boolean) => void): () => void {
    this.modeWatchers.add(cb);
    return () => this.modeWatchers.delete(cb);
  }

  get current(): 'run' | 'step' {
    return this.mode;
  }

  /**
   * May `key` make its call now? In run mode always (and `describe` is never called); in step mode only once a step was granted
   * to it. Otherwise it waits, listed as pending, and `resume` runs when a step is granted.
   */
  acquire(key: object, describe: () => PendingCall, resume: () => void): boolean {
    if (this.mode === 'run' || this.granted.delete(key)) return true;
    this.waiting.set(key, { call: describe(), resume });
    this.changed();
    return false;
  }

  /**
   * Lets the longest-waiting call go, once, or the longest-waiting one on `socket`. Returns false
   * when no such call is waiting.
   */
  step(socket?: string): boolean {
    const chosen = [...this.waiting].find(([, w]) => socket === undefined || w.call.socket === socket);
    if (!chosen) return false;
    const [key, w] = chosen;
    this.waiting.delete(key);
    this.granted.add(key);
    this.changed();
    w.resume();
    return true;
  }

  setMode(mode: 'run' | 'step'): void {
    const changed = this.mode !== mode;
    this.mode = mode;
    if (changed) for (const cb of this.modeWatchers) cb(mode === 'step');
    if (mode === 'run') {
      const all = [...this.waiting.values()];
      this.waiting.clear();
      this.granted.clear();
      for (const w of all) w.resume();
    }
    this.changed();
  }

  /** A socket went away: forget its wait. */
  forget(key: object): void {
    if (this.waiting.delete(key)) this.changed();
    this.granted.delete(key);
  }

  get holding(): boolean {
    return this.waiting.size > 0;
  }

  pending(): PendingCall[] {
    return [...this.waiting.values()].map((w) => w.call);
  }
}
