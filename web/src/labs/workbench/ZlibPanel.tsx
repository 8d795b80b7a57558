// zlib.compress on what you type, or on random bytes: sizes and ratio (seed 000).
import { zlibCompress } from '@socket-lab/bytes';
import { useEffect, useState } from 'react';
import { SendBytes } from './SendBytes.tsx';

const SAMPLE = 'When compressing larger amounts of text, zlib compression is very effective. '.repeat(20);

export function ZlibPanel() {
  const [text, setText] = useState(SAMPLE);
  const [random, setRandom] = useState(false);
  const [result, setResult] = useState<{ before: number; after: number; bytes: Uint8Array } | null>(null);
  useEffect(() => {
    let live = true;
    const data = random ? crypto.getRandomValues(new Uint8Array(2048)) : new TextEncoder().encode(text);
    void zlibCompress(data).then((c) => live && setResult({ before: data.length, after: c.length, bytes: c }));
    return () => {
      live = false;
    };
  }, [text, random]);
  return (
    <form className="wb-panel" aria-label="zlib" onSubmit={(e) => e.preventDefault()}>
      <h2>zlib</h2>
      <label>
        <input type="checkbox" checked={random} onChange={(e) => setRandom(e.target.checked)} /> 2,048 random bytes (like a JPEG: already dense)
      </label>
      {!random && (
        <label>
          Text <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} cols={50} />
        </label>
      )}
      {result && (
        <p role="status" aria-label="Compressed size">
          len(zlib.compress(data)) = {result.after} bytes from {result.before}: {(result.after / Math.max(1, result.before)).toFixed(2)}×
          {result.after > result.before ? ' — bigger than before' : ''}
        </p>
      )}
      {result && (
        <SendBytes
          bytes={result.bytes}
          pythonExpr={random ? 'zlib.compress(data)  # data: the 2,048 random bytes drawn here' : `zlib.compress(text.encode())  # text: the ${text.length} characters above`}
          label="Send the compressed bytes"
          folded
        />
      )}
    </form>
  );
}
