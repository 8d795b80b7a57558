// The HTTP lab's marks in an event's bytes (its detail view): each request or status line, header,
// blank line and body part the bytes hold, coloured as the panel colours them.
import { toHex } from '@socket-lab/bytes';
import type { SocketEvent } from '@socket-lab/protocol';
import type { ByteMark } from '../../components/HexDump.tsx';
import { eventParts } from './http-messages.ts';

const NAMES = { 'start-line': 'start line', header: 'header', blank: 'blank line', body: 'body' } as const;

export function httpMarks(events: SocketEvent[], e: SocketEvent, bytes: Uint8Array): ByteMark[] {
  // The server reads requests and writes responses.
  const first = e.op === 'recv' || e.op === 'recv_into' ? 'request line' : 'status line';
  const name = (part: keyof typeof NAMES) => (part === 'start-line' ? first : NAMES[part]);
  return eventParts(events, e, new Map([[e.seq, toHex(bytes)]])).map((p) => ({
    start: p.start,
    end: p.end,
    className: `hex-http hex-http-${p.part}`,
    title: `${p.message > 0 ? `message ${p.message + 1}, ` : ''}${name(p.part)}${p.part === 'body' || p.part === 'blank' ? '' : `: ${p.text}`}`,
  }));
}
