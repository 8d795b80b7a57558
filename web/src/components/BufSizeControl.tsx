// BUF_SIZE, the n of every recv(n) in a lab; changes apply from each socket's next recv, live.
import { useEffect, useState } from 'react';

interface Props {
  bufsize: number;
  disabled: boolean;
  busy: boolean;
  onSet(bufsize: number): void;
}

export function BufSizeControl({ bufsize, disabled, busy, onSet }: Props) {
  const [value, setValue] = useState(String(bufsize));
  useEffect(() => setValue(String(bufsize)), [bufsize]);
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 1 && n <= 65536;
  return (
    <form
      className="control-group"
      aria-label="Buffer size"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (valid) onSet(n);
      }}
    >
      <label>
        BUF_SIZE{' '}
        <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" size={6} aria-invalid={!valid} />
      </label>
      <button type="submit" disabled={disabled || busy || !valid || n === bufsize}>
        Set BUF_SIZE
      </button>
      <code className="state-note" title="A recv already waiting keeps the size it was called with, as in Python; the next recv uses the new one.">
        BUF_SIZE = {bufsize}
      </code>
      <span className="state-note">(each socket’s next recv uses it)</span>
      {!valid && <span className="field-error">1 to 65536</span>}
    </form>
  );
}
