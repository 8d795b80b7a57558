// Bytes as offset | hex | ASCII rows, the way hexdump -C and Wireshark show them.
import { hexdumpRows } from '@socket-lab/bytes';

interface Props {
  bytes: Uint8Array;
  perRow: number;
  /** Show at most this many rows (the card view); all rows when absent. */
  maxRows?: number;
  /** Leading bytes that are a length header, marked apart from the payload. */
  headerBytes?: number;
}

export function HexDump({ bytes, perRow, maxRows, headerBytes = 0 }: Props) {
  const shown = maxRows === undefined ? bytes : bytes.subarray(0, maxRows * perRow);
  const rows = hexdumpRows(shown, perRow);
  return (
    <div className="hexdump" role="table" aria-label="bytes: offset, hex, ASCII">
      {rows.map((r) => (
        <div className="hex-row" role="row" key={r.offset}>
          <span className="hex-offset" role="cell">
            {r.offset.toString(16).padStart(4, '0')}
          </span>
          <span className="hex-bytes" role="cell" style={{ width: `${perRow * 3}ch` }}>
            {r.offset < headerBytes ? (
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
