// stepAwareTimeout: Python's settimeout, except that the clock waits while step mode holds a call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stepAwareTimeout, type Flow } from './recv-loop.ts';

const flow = (holding: () => boolean): Flow => ({ congested: false, whenReady: (cb) => cb(), get holding() { return holding(); } });

describe('stepAwareTimeout', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires after its time when nothing is held', () => {
    const fire = vi.fn();
    stepAwareTimeout(flow(() => false), 2000, fire);
    vi.advanceTimersByTime(1999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledOnce();
  });

  it('waits as long as a call is held, then gives the full time again', () => {
    const fire = vi.fn();
    let holding = true;
    stepAwareTimeout(flow(() => holding), 2000, fire);
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
    holding = false;
    vi.advanceTimersByTime(2000);
    expect(fire).toHaveBeenCalledOnce();
  });

  it('is cancelled by its cancel function, and needs no flow (the grader)', () => {
    const fire = vi.fn();
    const cancel = stepAwareTimeout(undefined, 2000, fire);
    cancel();
    vi.advanceTimersByTime(5000);
    expect(fire).not.toHaveBeenCalled();
  });
});
