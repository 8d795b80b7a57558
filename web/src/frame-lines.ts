// The framing view of an event as short lines: header decoded, payload filling, frame complete.
import type { FrameStep, SocketEvent, TextInfo } from '@socket-lab/protocol';
import { assertNever } from '@socket-lab/protocol';

export type Tone = 'header' | 'progress' | 'done' | 'bad' | 'note';

export interface FrameLine {
  tone: Tone;
  text: string;
  /** 0..1 for payload progress lines, drawn as a bar. */
  fill?: number;
}

/** Lines shown per card at most; the rest are summarised, and all are in the detail view. */
export const MAX_FRAME_LINES = 4;

// One formatter: toLocaleString('en') builds one per call, and a card's height is worked out from
// these lines for every call that streams in (most of the page's time at recv(4)).
const grouped = new Intl.NumberFormat('en');
const n = (x: number) => grouped.format(x);
const hex4 = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const quote = (t: TextInfo) => `${JSON.stringify(t.text)}${t.cut ? '…' : ''}`;
const sizes = (t: TextInfo) => `${n(t.chars)} char${t.chars === 1 ? '' : 's'}, ${n(t.bytes)} byte${t.bytes === 1 ? '' : 's'}`;

function stepLine(s: FrameStep): FrameLine {
  switch (s.kind) {
    case 'header-partial':
      return { tone: 'header', text: `header: ${s.got} of 4 bytes so far (kept for the next recv)` };
    case 'header':
      return { tone: 'header', text: `header ${hex4(s.length)} → length ${n(s.length)}  (read little-endian: ${n(s.littleEndian)})` };
    case 'payload':
      return { tone: 'progress', text: `payload ${n(s.got)} / ${n(s.of)} bytes`, fill: s.of === 0 ? 1 : s.got / s.of };
    case 'complete':
      return { tone: 'done', text: `✓ frame complete: ${n(s.length)}-byte payload` };
    case 'too-large':
      return { tone: 'bad', text: `✗ frame too large: ${n(s.claimed)} > ${n(s.max)} bytes` };
    default:
      return assertNever(s);
  }
}

/** What happened to a datagram, as lines: the cut, the print, the add-one arithmetic, the relay. */
function datagramLines(e: SocketEvent): FrameLine[] {
  const d = e.datagram;
  if (!d) return [];
  const lines: FrameLine[] = [];
  if (d.truncated) {
    lines.push({
      tone: 'bad',
      text: `kept ${n(d.truncated.kept)} of ${n(d.truncated.full)} bytes: Linux discards the other ${n(d.truncated.full - d.truncated.kept)} (Windows raises WinError 10040). Node receives whole datagrams; the lab made this cut.`,
    });
  }
  if (d.print) lines.push({ tone: 'note', text: `print → ${d.print}` });
  if (d.addOne) {
    lines.push({ tone: 'done', text: `struct.unpack('!h', data) → (${d.addOne.value},)${d.addOne.result === undefined ? '' : `; ${d.addOne.value} + 1 = ${d.addOne.result}`}` });
  }
  if (d.structError) lines.push({ tone: 'bad', text: d.structError });
  if (d.packed) lines.push({ tone: 'header', text: `these bytes are struct.pack('${d.packed.format}', ${d.packed.value})` });
  if (d.relay) {
    const r = d.relay;
    const what: Record<typeof r.action, string> = {
      forward: 'forwarded',
      drop: 'DROPPED',
      duplicate: 'sent again (duplicate)',
      hold: 'held back, to go out after the next one (reorder)',
      release: 'released after a later one (reordered)',
      delay: `delayed ${r.delayMs ?? 0} ms`,
    };
    lines.push({ tone: r.action === 'drop' ? 'bad' : r.action === 'forward' ? 'note' : 'header', text: `relay: datagram ${r.index} ${r.direction}: ${what[r.action]}` });
  }
  return lines;
}

/** Every detail line of an event: its framing view (length-prefix) or its datagram view (UDP). */
export function frameLines(e: SocketEvent): FrameLine[] {
  const f = e.frame;
  if (!f) return datagramLines(e);
  switch (f.kind) {
    case 'steps':
      return f.steps.map(stepLine);
    case 'header':
      return [{ tone: 'header', text: `first 4 bytes: length header ${hex4(f.length)} = ${n(f.length)}, then the payload` }];
    case 'message':
      return [
        { tone: 'done', text: `payload ${quote(f.payload)}  (${sizes(f.payload)})` },
        ...(f.reply ? [{ tone: 'note' as const, text: `payload[10:] → ${quote(f.reply)}  (${sizes(f.reply)})` }] : []),
      ];
    case 'too-large':
      return [{ tone: 'bad', text: `header claims ${n(f.claimed)} bytes; limit ${n(f.max)}; nothing allocated` }];
    case 'incomplete':
      return [{ tone: 'bad', text: `stream ended with ${n(f.got)} of ${n(f.of)} ${f.stage === 'header' ? 'header ' : ''}bytes` }];
    case 'bad-utf8':
      return [{ tone: 'bad', text: `invalid UTF-8 at payload byte ${n(f.offset)}` }];
    case 'send':
      return [{ tone: 'note', text: `message ${quote(f.payload)}  (${sizes(f.payload)})` }];
    case 'receive':
      return f.ok ? [{ tone: 'done', text: `payload ${quote(f.payload)}  (${sizes(f.payload)})` }] : [{ tone: 'bad', text: f.reason ?? 'not received' }];
    default:
      return assertNever(f);
  }
}

/** The lines a card shows: at most MAX_FRAME_LINES, the last saying how many more there are. */
export function cardFrameLines(e: SocketEvent): FrameLine[] {
  const all = frameLines(e);
  if (all.length <= MAX_FRAME_LINES) return all;
  const shown = all.slice(0, MAX_FRAME_LINES - 1);
  return [...shown, { tone: 'note', text: `… ${all.length - shown.length} more steps (select to see all)` }];
}
