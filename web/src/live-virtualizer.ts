// The timeline's virtualizer: @tanstack/react-virtual's useVirtualizer, less one render per frame.
// Following the live end, the timeline picks its rows itself (the rows ending at the newest) and
// scrolls there in a layout effect. The scroll event that follows a frame later made the stock hook
// render the whole timeline again, synchronously (flushSync), to draw rows the timeline had already
// drawn: measured at 1,000 events a second, a fifth of the page's main thread.
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';

export type LiveVirtualizer = AppendingVirtualizer & {
  /** The scroll box's offset (its own pixels) when the virtualizer last saw it. */
  boxOffset(): number;
};

type Options = Pick<VirtualizerOptions<HTMLDivElement, Element>, 'count' | 'getScrollElement' | 'estimateSize' | 'overscan'>;

/**
 * As useVirtualizer, but a change of the scroll offset alone does not render while `live()` says
 * the caller draws the rows ending at the live end (which do not depend on the offset). A change of
 * the view's height, of the rows' measurements, or the end of a scroll still renders.
 * `scale()` is the rows' pixels a scrolled pixel stands for (scroll-scale.ts): the virtualizer
 * works in the rows' pixels, the scroll box in its own.
 */
export function useLiveVirtualizer(options: Options, live: () => boolean, scale: () => number, rowsReplaced = false): LiveVirtualizer {
  const rerender = useReducer((x: number) => x + 1, 0)[1];
  // The scroll box's own offset, as last seen (the virtualizer keeps the rows' one, at the scale then).
  const boxOffset = useRef(0);
  // Whether the virtualizer asked for a render while it took the last scroll. (Refs, here and
  // below: the offset observer is the first render's closure, onChange the newest's.)
  const notified = useRef(false);
  const liveRef = useRef(live);
  liveRef.current = live;
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  // What the last render drew with: a notice that differs from it only in the offset is the scroll's.
  const drawn = useRef<{ height: number | undefined; measurements: unknown }>({ height: undefined, measurements: null });
  const resolved: VirtualizerOptions<HTMLDivElement, Element> = {
    observeElementRect,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        boxOffset.current = offset;
        notified.current = false;
        cb(offset * scaleRef.current(), isScrolling);
        // A scaled scroll moves the rows `scale` pixels a scrolled pixel, not one as the box moves
        // them: every scroll is drawn, not only one that brings new rows (which has been drawn).
        if (!notified.current && scaleRef.current() > 1 && !liveRef.current()) rerender();
      }),
    scrollToFn: (offset, o, instance) => {
      const k = scaleRef.current();
      elementScroll(offset / k, { ...o, adjustments: (o.adjustments ?? 0) / k }, instance);
    },
    ...options,
    onChange: (v, sync) => {
      notified.current = true;
      v.getTotalSize(); // brings measurementsCache up to date
      const offsetOnly = v.scrollRect?.height === drawn.current.height && v.measurementsCache === drawn.current.measurements;
      if (sync && offsetOnly && liveRef.current()) return;
      if (sync) flushSync(rerender);
      else rerender();
    },
  };
  const [instance] = useState(() => Object.assign(walkOnlyNewRows(new Virtualizer(resolved)), { boxOffset: () => boxOffset.current }));
  // New rows under the old indices (a fold opened, a lane width changed): this render's walk is whole.
  if (rowsReplaced) instance.rowsReplaced();
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    drawn.current = { height: instance.scrollRect?.height, measurements: instance.measurementsCache };
    return instance._willUpdate();
  });
  return instance;
}

/** The options the virtualizer's measurements depend on (its getMeasurementOptions). */
interface MeasurementOptions {
  count: number;
  [option: string]: unknown;
}

export type AppendingVirtualizer = Virtualizer<HTMLDivElement, Element> & {
  /** The rows are not those of the last walk: the next walk covers every row, whatever the count. */
  rowsReplaced(): void;
};

/**
 * Rows appended: the stock virtualizer walks every row again whenever the count changes (its
 * getMeasurementOptions clears the first row to measure from), calling estimateSize for each. While
 * calls stream in, the count changes every frame, so at a million rows that walk took most of each
 * frame, and the page took calls ever more slowly the more it held. When only the count grew, the
 * walk now starts at the first new row (or at a row measured since, if earlier). measure() still
 * walks them all. The fields are the library's own: were they renamed, the walk would be whole again.
 */
export function walkOnlyNewRows(v: Virtualizer<HTMLDivElement, Element>): AppendingVirtualizer {
  let last: MeasurementOptions | null = null;
  const out = Object.assign(v, { rowsReplaced: () => void (last = null) });
  const inner = v as unknown as { pendingMin: number | null; getMeasurementOptions: () => MeasurementOptions };
  const options = inner.getMeasurementOptions;
  if (typeof options !== 'function' || !('pendingMin' in inner)) return out;
  inner.getMeasurementOptions = () => {
    const measured = inner.pendingMin;
    const o = options();
    if (o !== last) {
      if (last !== null && o.count > last.count && sameBesidesCount(o, last)) inner.pendingMin = Math.min(measured ?? last.count, last.count);
      last = o;
    }
    return o;
  };
  const measure = v.measure;
  v.measure = () => {
    last = null;
    measure();
  };
  return out;
}

function sameBesidesCount(a: MeasurementOptions, b: MeasurementOptions): boolean {
  for (const k in a) if (k !== 'count' && a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}
