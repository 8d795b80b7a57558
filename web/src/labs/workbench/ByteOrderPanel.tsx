// A value's bytes at addresses 0…n-1 in each byte order, and socket.htons/htonl (seeds 000, 001).
import { htonl, htons, memoryOrder } from '@socket-lab/bytes';
import { useState } from 'react';
import { SendBytes } from './SendBytes.tsx';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

export function ByteOrderPanel() {
  const [text, setText] = useState('0x01020304');
  const value = Number(text.trim());
  const ok = Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
  const size = ok && value > 0xffff ? 4 : 2;
  const mem = ok ? memoryOrder(value, size) : null;
  const swapped = ok ? (size === 4 ? htonl(value) : htons(value)) : 0;
  return (
    <form className="wb-panel" aria-label="Byte order" onSubmit={(e) => e.preventDefault()}>
      <h2>Byte order</h2>
      <label>
        Value <input value={text} onChange={(e) => setText(e.target.value)} size={12} spellCheck={false} aria-invalid={!ok} />
      </label>
      {mem ? (
        <table className="memory" aria-label="Memory">
          <thead>
            <tr>
              <th scope="col">address</th>
              {mem.big.map((_, i) => (
                <th scope="col" key={i}>
                  +{i}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">big-endian</th>
              {mem.big.map((b, i) => (
                <td key={i}>{hex2(b)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">little-endian</th>
              {mem.little.map((b, i) => (
                <td key={i}>{hex2(b)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="field-error">a whole number from 0 to 0xffffffff</p>
      )}
      {ok && (
        <code className="state-note" aria-label="Network byte order">
          socket.{size === 4 ? 'htonl' : 'htons'}({text.trim()}) → {swapped} (0x{swapped.toString(16).padStart(2 * size, '0')}) on this little-endian machine
        </code>
      )}
      {mem && <SendBytes bytes={Uint8Array.from(mem.big)} pythonExpr={`struct.pack('${size === 4 ? '!I' : '!H'}', ${text.trim()})`} label="Send in network order" folded />}
    </form>
  );
}
