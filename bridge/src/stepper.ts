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

  constructor(private readonly changed: () => void) {}

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

  /** Lets the longest-waiting call go, once. Returns false when nothing is waiting. */
  step(): boolean {
    const first = this.waiting.entries().next();
    if (first.done) return false;
    const [key, w] = first.value;
    this.waiting.delete(key);
    this.granted.add(key);
    this.changed();
    w.resume();
    return true;
  }

  setMode(mode: 'run' | 'step'): void {
    this.mode = mode;
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
