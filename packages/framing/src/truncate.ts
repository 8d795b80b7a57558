// The assignment's server reply: the payload with its first 10 characters removed.

/** Characters the server removes (seed 004: "removes the first 10 characters"). */
export const DROP_CHARS = 10;

/**
 * `payload[10:]` on a Python str: counts code points, not UTF-16 units and not bytes.
 * @example dropFirstChars('Four score and seven years ago') === ' and seven years ago'
 */
export function dropFirstChars(text: string, n = DROP_CHARS): string {
  return text.slice(codePointOffset(text, n));
}

/** `text[:n]` on a Python str: the first `n` code points. */
export function firstChars(text: string, n: number): string {
  return text.slice(0, codePointOffset(text, n));
}

/** `len(text)` in Python: code points (a surrogate pair is one, a lone surrogate one). */
export function charCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) if (isPair(text, i)) (n--, i++);
  return n;
}

/**
 * The UTF-16 index where code point `n` starts (the length, past the end). Walked by index: the
 * string iterator (`Array.from(text)`) made a string per character, which for a 64 KiB frame
 * cost milliseconds per reply.
 */
function codePointOffset(text: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < text.length; k++) i += isPair(text, i) ? 2 : 1;
  return i;
}

function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}
