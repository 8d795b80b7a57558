// The timeline's virtualizer: @tanstack/react-virtual's useVirtualizer, less one render per frame.
// Following the live end, the timeline picks its rows itself (the rows ending at the newest) and
// scrolls there in a layout effect. The scroll event that follows a frame later made the stock hook
// render the whole timeline again, synchronously (flushSync), to draw rows the timeline had already
// drawn: measured at 1,000 events a second, a fifth of the page's main thread.
import { useLayoutEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';

type Options = Pick<VirtualizerOptions<HTMLDivElement, Element>, 'count' | 'getScrollElement' | 'estimateSize' | 'overscan'>;

/**
 * As useVirtualizer, but a change of the scroll offset alone does not render while `live()` says
 * the caller draws the rows ending at the live end (which do not depend on the offset). A change of
 * the view's height, of the rows' measurements, or the end of a scroll still renders.
 */
export function useLiveVirtualizer(options: Options, live: () => boolean): Virtualizer<HTMLDivElement, Element> {
  const rerender = useReducer((x: number) => x + 1, 0)[1];
  const liveRef = useRef(live);
  liveRef.current = live;
  // What the last render drew with: a notice that differs from it only in the offset is the scroll's.
  const drawn = useRef<{ height: number | undefined; measurements: unknown }>({ height: undefined, measurements: null });
  const resolved: VirtualizerOptions<HTMLDivElement, Element> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (v, sync) => {
      v.getTotalSize(); // brings measurementsCache up to date
      const offsetOnly = v.scrollRect?.height === drawn.current.height && v.measurementsCache === drawn.current.measurements;
      if (sync && offsetOnly && liveRef.current()) return;
      if (sync) flushSync(rerender);
      else rerender();
    },
  };
  const [instance] = useState(() => new Virtualizer(resolved));
  instance.setOptions(resolved);
  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => {
    drawn.current = { height: instance.scrollRect?.height, measurements: instance.measurementsCache };
    return instance._willUpdate();
  });
  return instance;
}
