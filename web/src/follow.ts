// Following the live end, shared by the timeline and the sequence diagram: the view sticks to
// the newest call until the user scrolls away from it, and comes back to it with "Follow live"
// or on leaving a scrubbed moment.
import { useCallback, useRef, useState, type RefObject } from 'react';

/** How near the bottom (px) a user's scroll still counts as being at the live end. */
const AT_END_PX = 40;

export interface Follow {
  follow: boolean;
  setFollow(follow: boolean): void;
  /**
   * Scrolls `el` and remembers where to. The scroll event arrives a frame later, perhaps after the
   * lanes shrank (a panel grew below); it is the page's own scroll, not the user leaving the live end.
   */
  scrollOwn(el: HTMLElement, top: number): void;
  /** The scroll container's onScroll: a user's scroll decides whether the view follows. */
  onScroll(): void;
}

/** `until`: the scrubbed moment's index, or null when live. */
export function useFollow(scrollRef: RefObject<HTMLElement | null>, until: number | null): Follow {
  const [follow, setFollow] = useState(true);
  const ownTop = useRef<number | null>(null);
  const scrubbed = useRef(until !== null);
  // Back to live means the live end, whatever the view followed before the scrub.
  if (scrubbed.current && until === null && !follow) setFollow(true);
  scrubbed.current = until !== null;
  const scrollOwn = useCallback((el: HTMLElement, top: number) => {
    el.scrollTop = top;
    ownTop.current = el.scrollTop;
  }, []);
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    // At a moment the view ends above the live end; whether to follow live is decided on return.
    if (!el || scrubbed.current || el.scrollTop === ownTop.current) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX);
  }, [scrollRef]);
  return { follow, setFollow, scrollOwn, onScroll };
}
