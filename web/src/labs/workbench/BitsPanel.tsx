// A clickable register: Python's int operators, two's complement, test/set/clear (seed 000).
import { applyOp, bitsFor, DIRECTIONS, fits, invert, packCommand, readings, registerBits, type BitOp, type Width } from '@socket-lab/bytes';
import { useState } from 'react';
import { SendBytes } from './SendBytes.tsx';

export function BitsPanel() {
  const [value, setValue] = useState(9n);
  const [width, setWidth] = useState<Width>(8);
  const [operand, setOperand] = useState('1');
  const [last, setLast] = useState<string>('');
  const bits = registerBits(value, width);
  const r = readings(bits);
  const y = /^-?\d+$/.test(operand.trim()) ? BigInt(operand.trim()) : null;
  const apply = (label: string, next: bigint) => {
    setLast(`${label} → ${next}`);
    setValue(next);
  };
  const op = (o: BitOp) => {
    if (y === null) return;
    try {
      apply(`${value} ${o} ${y}`, applyOp(value, o, y));
    } catch (e) {
      setLast((e as Error).message);
    }
  };
  const [possibilities, setPossibilities] = useState('10');
  const n = Number(possibilities);
  const nOk = Number.isSafeInteger(n) && n >= 1;
  const bytes = Uint8Array.from({ length: width / 8 }, (_, i) => Number((r.unsigned >> BigInt(8 * (width / 8 - 1 - i))) & 0xffn));
  const [direction, setDirection] = useState(2);
  const [player, setPlayer] = useState(10);
  return (
    <div className="wb-panel" role="group" aria-label="Bits">
      <h2>Bits</h2>
      <div className="register" role="group" aria-label="Register">
        {[...bits].map((b, i) => {
          const n = width - 1 - i;
          return (
            <button key={n} type="button" className={b === '1' ? 'bit on' : 'bit'} aria-label={`bit ${n} = ${b}`} aria-pressed={b === '1'} onClick={() => apply(`x ^ 2**${n}`, value ^ (1n << BigInt(n)))}>
              {b}
            </button>
          );
        })}
      </div>
      <p role="status" aria-label="Register value">
        x = {value.toString()} · {width} bits: unsigned {r.unsigned.toString()}, two's complement {r.signed.toString()}, hex 0x{r.unsigned.toString(16)}
        {!fits(value, width) && ` (Python's int needs more than ${width} bits; the register shows the low ${width})`}
      </p>
      <div className="inline">
        <label>
          Width{' '}
          <select value={width} onChange={(e) => setWidth(Number(e.target.value) as Width)}>
            {[8, 16, 32].map((w) => (
              <option key={w}>{w}</option>
            ))}
          </select>
        </label>
        <label>
          y <input value={operand} onChange={(e) => setOperand(e.target.value)} size={4} />
        </label>
        {(['&', '|', '^', '<<', '>>'] as BitOp[]).map((o) => (
          <button key={o} type="button" className="chip" disabled={y === null} onClick={() => op(o)}>
            x {o} y
          </button>
        ))}
        <button type="button" className="chip" onClick={() => apply(`~${value}`, invert(value))}>
          ~x
        </button>
        {y !== null && y >= 0n && y < 32n && (
          <span>
            bit {y.toString()}: {(value & (1n << y)) > 0n ? 'set' : 'clear'} (x &amp; 2**{y.toString()} &gt; 0)
          </span>
        )}
      </div>
      {last && <code className="py-code">{last}</code>}
      <SendBytes bytes={bytes} pythonExpr={`(${value} & 0x${'ff'.repeat(width / 8)}).to_bytes(${width / 8}, 'big')`} label="Send the register" folded />
      <p className="state-note">
        <label>
          n possibilities <input value={possibilities} onChange={(e) => setPossibilities(e.target.value)} size={6} aria-invalid={!nOk} />
        </label>{' '}
        {nOk ? `need ⌈log₂ ${n}⌉ = ${bitsFor(n)} bit${bitsFor(n) === 1 ? '' : 's'}` : 'a whole number of at least 1'}
      </p>
      <p className="state-note">
        {DIRECTIONS.length} directions need {bitsFor(4)} bits, 10 players {bitsFor(10)}: direction{' '}
        <select aria-label="Direction" value={direction} onChange={(e) => setDirection(Number(e.target.value))}>
          {DIRECTIONS.map((d, i) => (
            <option key={d} value={i}>
              {d}
            </option>
          ))}
        </select>{' '}
        player <input aria-label="Player" value={player} onChange={(e) => setPlayer(Number(e.target.value) || 1)} size={2} /> →{' '}
        {player >= 1 && player <= 10 ? `${direction} << 4 | ${player - 1} = ${packCommand(direction, player).toString(2).padStart(6, '0')}` : 'player is 1 to 10'}
      </p>
    </div>
  );
}
