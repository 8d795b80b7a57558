// The timeline's virtualizer: @tanstack/react-virtual's useVirtualizer, less one render per frame.
// Following the live end, the timeline picks its rows itself (the rows ending at the newest) and
// scrolls there in a layout effect. The scroll event that follows a frame later made the stock hook
// render the whole timeline again, synchronously (flushSync), to draw rows the timeline had already
// drawn: measured at 1,000 events a second, a fifth of the page's main thread.
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';

export type LiveVirtualizer = Virtualizer<HTMLDivElement, Element> & {
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
export function useLiveVirtualizer(options: Options, live: () => boolean, scale: () => number): LiveVirtualizer {
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
  const [instance] = useState(() => Object.assign(new Virtualizer(resolved), { boxOffset: () => boxOffset.current }));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    drawn.current = { height: instance.scrollRect?.height, measurements: instance.measurementsCache };
    return instance._willUpdate();
  });
  return instance;
}
