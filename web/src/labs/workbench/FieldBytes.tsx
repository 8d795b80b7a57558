// Packed bytes drawn field by field: each value's bytes in its own colour, labelled with its code.
import { toHex } from '@socket-lab/bytes';
import { pyRepr, type Field, type PyValue } from '@socket-lab/pystruct';

const COLOURS = 6;

export function FieldBytes({ bytes, fields, values, label }: { bytes: Uint8Array; fields: Field[]; values: PyValue[]; label: string }) {
  return (
    <div className="field-bytes" role="list" aria-label={label}>
      {fields.map((f) => (
        <div
          key={f.offset}
          role="listitem"
          className={`field ${f.kind === 'value' ? `field-c${f.index! % COLOURS}` : 'field-pad'}`}
          aria-label={f.kind === 'value' ? `${f.code} = ${pyRepr(values[f.index!]!)}` : f.kind === 'pad' ? 'pad bytes' : 'alignment padding'}
          title={`offset ${f.offset}, ${f.size} byte${f.size === 1 ? '' : 's'}`}
        >
          <code>{toHex(bytes.subarray(f.offset, f.offset + f.size)).replace(/(..)(?!$)/g, '$1 ')}</code>
          <span className="field-label">{f.kind === 'value' ? `${f.code}: ${pyRepr(values[f.index!]!)}` : f.kind === 'pad' ? 'x (pad)' : 'align'}</span>
        </div>
      ))}
    </div>
  );
}
