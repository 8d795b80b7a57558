// struct.unpack: paste hex, get the tuple Python would return, or Python's error.
import { fromHex } from '@socket-lab/bytes';
import { pyTupleRepr, StructError, unpack } from '@socket-lab/pystruct';
import { useState } from 'react';

export function UnpackPanel() {
  const [format, setFormat] = useState('!I');
  const [hex, setHex] = useState('00 00 00 1e');
  let result: string;
  let failed = false;
  try {
    result = pyTupleRepr(unpack(format, fromHex(hex)));
  } catch (e) {
    failed = true;
    result = `${e instanceof StructError ? e.kind : 'ValueError'}: ${(e as Error).message}`;
  }
  return (
    <form className="control-group" aria-label="struct.unpack" onSubmit={(e) => e.preventDefault()}>
      <h2>struct.unpack</h2>
      <label>
        Format <input value={format} onChange={(e) => setFormat(e.target.value)} size={10} spellCheck={false} />
      </label>
      <label>
        Bytes (hex) <input value={hex} onChange={(e) => setHex(e.target.value)} size={36} spellCheck={false} />
      </label>
      <output aria-label="Unpacked" className={failed ? 'py-error' : 'py-code'}>
        → {result}
      </output>
    </form>
  );
}
