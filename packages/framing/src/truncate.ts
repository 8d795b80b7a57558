// The assignment's server reply: the payload with its first 10 characters removed.

/** Characters the server removes (seed 004: "removes the first 10 characters"). */
export const DROP_CHARS = 10;

/**
 * `payload[10:]` on a Python str: counts code points, not UTF-16 units and not bytes.
 * @example dropFirstChars('Four score and seven years ago') === ' and seven years ago'
 */
export function dropFirstChars(text: string, n = DROP_CHARS): string {
  return Array.from(text).slice(n).join('');
}

/** `len(text)` in Python: code points. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
