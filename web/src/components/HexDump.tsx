// Bytes as offset | hex | ASCII rows, the way hexdump -C and Wireshark show them.
import { hexdumpRows } from '@socket-lab/bytes';
import { fitStyle } from '../fit.ts';
import type { ReactElement } from 'react';

interface Props {
  bytes: Uint8Array;
  perRow: number;
  /** Show at most this many rows (the card view); all rows when absent. */
  maxRows?: number;
  /** Leading bytes that are a length header, marked apart from the payload. */
  headerBytes?: number;
  /** Byte ranges a lab marks in the bytes themselves (an HTTP request line, a header…). */
  marks?: ByteMark[];
}

export interface ByteMark {
  start: number;
  end: number;
  className: string;
  title: string;
}

/** A row's hex digits, each byte inside the mark that holds it. */
function markedHex(hex: string[], offset: number, marks: ByteMark[]) {
  const out: ReactElement[] = [];
  let i = 0;
  while (i < hex.length) {
    const at = offset + i;
    const m = marks.find((k) => k.start <= at && at < k.end);
    const stop = m ? Math.min(hex.length, m.end - offset) : Math.min(hex.length, ...marks.filter((k) => k.start > at).map((k) => k.start - offset), hex.length);
    const text = hex.slice(i, stop).join(' ');
    out.push(
      m ? (
        <mark key={i} className={m.className} title={m.title}>
          {text}
        </mark>
      ) : (
        <span key={i}>{text}</span>
      ),
    );
    if (stop < hex.length) out.push(<span key={`s${i}`}> </span>);
    i = stop;
  }
  return out;
}

export function HexDump({ bytes, perRow, maxRows, headerBytes = 0, marks }: Props) {
  const shown = maxRows === undefined ? bytes : bytes.subarray(0, maxRows * perRow);
  const rows = hexdumpRows(shown, perRow);
  return (
    // Offset, hex and ASCII columns with their gaps (about two characters each) fit the box.
    <div className="hexdump fit" style={fitStyle(4 + 4 * perRow + 4)} role="table" aria-label="bytes: offset, hex, ASCII">
      {rows.map((r) => (
        <div className="hex-row" role="row" key={r.offset}>
          <span className="hex-offset" role="cell">
            {r.offset.toString(16).padStart(4, '0')}
          </span>
          <span className="hex-bytes" role="cell" style={{ width: `${perRow * 3}ch` }}>
            {marks && marks.length > 0 ? (
              markedHex(r.hex, r.offset, marks)
            ) : r.offset < headerBytes ? (
              <>
                <mark className="hex-header" title="length header">
                  {r.hex.slice(0, headerBytes - r.offset).join(' ')}
                </mark>
                {r.hex.length > headerBytes - r.offset ? ' ' + r.hex.slice(headerBytes - r.offset).join(' ') : ''}
              </>
            ) : (
              r.hex.join(' ')
            )}
          </span>
          <span className="hex-ascii" role="cell">
            {r.ascii}
          </span>
        </div>
      ))}
    </div>
  );
}
