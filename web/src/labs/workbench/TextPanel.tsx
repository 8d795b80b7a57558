// Text and bytes (seed 000): code points, the bytes in an encoding, and the mojibake of reading
// them with another; strict errors as Python raises them. Exact to CPython's codecs. The
// multi-byte codecs' tables load when first chosen, so the page does not carry them all.
import { pythonStrRepr, toHex } from '@socket-lab/bytes';
import { CodecError, CODECS, codecReady, decode, encode, loadCodec } from '@socket-lab/pycodecs';
import { useEffect, useState } from 'react';
import { SendBytes } from './SendBytes.tsx';

function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: e instanceof CodecError ? `${e.kind}: ${e.message}` : (e as Error).message };
  }
}

export function TextPanel() {
  const [text, setText] = useState('Hello World, héllo wörld ✓');
  const [from, setFrom] = useState('utf-8');
  const [as, setAs] = useState('cp1252');
  const [failed, setFailed] = useState<string | null>(null);
  const [, setLoads] = useState(0);
  useEffect(() => {
    let live = true;
    for (const codec of [from, as]) {
      if (codecReady(codec)) continue;
      loadCodec(codec).then(
        () => live && setLoads((n) => n + 1),
        (e: Error) => live && setFailed(`could not load the ${codec} table: ${e.message}`),
      );
    }
    return () => {
      live = false;
    };
  }, [from, as]);
  const loading = [from, as].filter((c) => !codecReady(c));
  const points = Array.from(text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const ready = loading.length === 0;
  const bytes = ready ? attempt(() => encode(text, from)) : { ok: false as const, error: failed ?? `loading the ${loading.join(' and ')} table…` };
  const strict = ready && bytes.ok ? attempt(() => decode(bytes.value, as)) : null;
  const replaced = ready && bytes.ok ? decode(bytes.value, as, 'replace') : '';
  const select = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(e.target.value)}>
        {CODECS.map((c) => (
          <option key={c.name} value={c.name}>
            {c.label} ({c.name})
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="wb-panel" aria-label="Text" onSubmit={(e) => e.preventDefault()}>
      <h2>Text</h2>
      <label>
        Text <input value={text} onChange={(e) => setText(e.target.value)} size={40} />
      </label>
      <p className="state-note">
        len(text) = {points.length}: {points.slice(0, 12).join(' ')}
        {points.length > 12 ? ' …' : ''}
      </p>
      {select('Encode with', from, setFrom)}
      <p role="status" aria-label="Encoded">
        {bytes.ok ? `text.encode('${from}') → ${bytes.value.length} bytes: ${toHex(bytes.value).replace(/(..)(?!$)/g, '$1 ')}` : bytes.error}
      </p>
      {select('Decode with', as, setAs)}
      {bytes.ok && (
        <p role="status" aria-label="Decoded">
          .decode('{as}') → {strict?.ok ? JSON.stringify(strict.value) : strict?.error}
          {!strict?.ok && ` · with errors='replace': ${JSON.stringify(replaced)}`}
          {strict?.ok && strict.value !== text ? ' (mojibake: the bytes are read with the wrong encoding)' : ''}
        </p>
      )}
      {bytes.ok && <SendBytes bytes={bytes.value} pythonExpr={`${pythonStrRepr(text)}.encode('${from}')`} label="Send the encoded text" />}
      <p className="state-note">
        Seed 000 also lists Korean (Mac OS): Python has no codec for it (<code>LookupError: unknown encoding</code>), so it is not offered here.
      </p>
    </form>
  );
}
