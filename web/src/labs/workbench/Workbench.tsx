// The bytes workbench (seeds 000, 001, 004): struct exact to CPython, both byte orders, unpack,
// and a Send that puts the bytes on a running lab socket. It computes in the page, no bridge.
import { toHex } from '@socket-lab/bytes';
import { useState } from 'react';
import { FieldBytes } from './FieldBytes.tsx';
import { SendBytes } from './SendBytes.tsx';
import { UnpackPanel } from './UnpackPanel.tsx';
import { BitsPanel } from './BitsPanel.tsx';
import { ByteOrderPanel } from './ByteOrderPanel.tsx';
import { TextPanel } from './TextPanel.tsx';
import { ZlibPanel } from './ZlibPanel.tsx';
import { usePacked, withOrder } from './use-struct.ts';

export function Workbench() {
  const [format, setFormat] = useState('!hH?f10s');
  const [values, setValues] = useState("13, 987, True, 0.3871, b'1234567890'");
  const packed = usePacked(format, values);
  const little = usePacked(withOrder(format, '<'), values);
  const big = usePacked(withOrder(format, '>'), values);
  const pyLine = `struct.pack(${JSON.stringify(format).replace(/^"|"$/g, "'")}${packed.ok && packed.literals.length ? ', ' + packed.literals.join(', ') : ''})`;
  return (
    <section className="workbench" aria-label="Bytes workbench">
      <form className="control-group" aria-label="struct.pack" onSubmit={(e) => e.preventDefault()}>
        <h2>struct.pack</h2>
        <label>
          Format <input value={format} onChange={(e) => setFormat(e.target.value)} size={16} spellCheck={false} />
        </label>
        <label>
          Values <input value={values} onChange={(e) => setValues(e.target.value)} size={48} spellCheck={false} />
        </label>
      </form>
      <code className="py-code">{pyLine}</code>
      {packed.ok ? (
        <>
          <p role="status" aria-label="Packed size">
            calcsize = {packed.bytes.length} bytes: <code>{toHex(packed.bytes)}</code>
          </p>
          <FieldBytes bytes={packed.bytes} fields={packed.fields} values={packed.stored} label="Packed fields" />
          <div className="byte-orders">
            {[
              ['little-endian', '<', little],
              ['big-endian (network, !)', '>', big],
            ].map(([name, order, p]) => (
              <div key={order as string}>
                <h3>
                  {name as string} <code>{withOrder(format, order as '<' | '>')}</code>
                </h3>
                {typeof p === 'object' && p.ok ? (
                  <FieldBytes bytes={p.bytes} fields={p.fields} values={p.stored} label={`${name as string} fields`} />
                ) : (
                  <p className="py-error">{typeof p === 'object' && !p.ok ? p.error : ''}</p>
                )}
              </div>
            ))}
          </div>
          <SendBytes bytes={packed.bytes} pythonExpr={pyLine} label="Send the packed bytes" />
        </>
      ) : (
        <p role="alert" className="py-error">
          {packed.error}
          {packed.size !== null ? ` (calcsize = ${packed.size})` : ''}
        </p>
      )}
      <UnpackPanel />
      <div className="wb-grid">
        <ByteOrderPanel />
        <BitsPanel />
        <ZlibPanel />
      </div>
      <TextPanel />
    </section>
  );
}
