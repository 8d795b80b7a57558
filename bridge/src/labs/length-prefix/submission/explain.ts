// A failed server test explained from the student's own process: the exception it raised (with
// its own line of buffered_server.py), or the recv that read past the header, from the tracer's
// events. What the grader saw on the wire says what went wrong; this says where in their code.
import type { Call } from '../../../recorder.ts';

/** The last traceback in `lines` as "ExcName: message at file.py:37 `code`", or null if none. */
export function lastTraceback(lines: string[], file: string): string | null {
  const start = lines.map((l) => l.startsWith('Traceback (most recent call last):')).lastIndexOf(true);
  if (start < 0) return null;
  const tb = lines.slice(start);
  const last = [...tb].reverse().find((l) => /^[\w.]+(: |$)/.test(l) && !l.startsWith('Traceback'));
  if (!last) return null;
  // The innermost frame in the student's file: where their code was when it raised.
  let where = '';
  for (const [i, l] of tb.entries()) {
    const m = /^ {2}File "(.*)", line (\d+), in /.exec(l);
    if (m && m[1]!.endsWith(`/${file}`)) where = ` at ${file}:${m[2]} \`${(tb[i + 1] ?? '').trim()}\``;
  }
  return `${last}${where}`;
}

const RECVS = new Set(['recv', 'recv_into']);

/**
 * The server's first read on its connection, when it read more than a 4-byte header: with the
 * frame lost the reply never comes, which is what a recv that drops the bytes past what it needed
 * looks like from outside.
 */
export function firstReadPastHeader(calls: Call[], file: string): string | null {
  const first = calls.find((c) => RECVS.has(c.op) && c.program?.where?.file.endsWith(file));
  const n = first?.data?.length ?? 0;
  if (!first || n <= 4) return null;
  const w = first.program!.where!;
  return `your server's first recv read ${n.toLocaleString('en')} bytes, the 4-byte header and ${(n - 4).toLocaleString('en')} past it (${file}:${w.line} \`${w.code.trim()}\`): a recv that reads past what it needs must keep the rest for the next read`;
}
