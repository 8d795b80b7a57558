// The workbench's struct computation: format + literals → bytes, fields and errors, in the page.
import { calcsize, fieldsOf, pack, parseFormat, parseLiteral, StructError, unpack, type Field, type PyValue } from '@socket-lab/pystruct';
import { useMemo } from 'react';
import { splitLiterals } from './split-literals.ts';

export type Packed =
  | {
      ok: true;
      bytes: Uint8Array;
      fields: Field[];
      /** What the bytes hold, read back: 0.3871 packed with 'f' holds 0.3871000111103058. */
      stored: PyValue[];
      literals: string[];
    }
  | { ok: false; error: string; size: number | null };

export function packOrError(format: string, valuesText: string): Packed {
  const literals = splitLiterals(valuesText);
  let size: number | null = null;
  try {
    size = calcsize(format);
    const bytes = pack(format, literals.map(parseLiteral));
    return { ok: true, bytes, fields: fieldsOf(parseFormat(format)), stored: unpack(format, bytes), literals };
  } catch (e) {
    const kind = e instanceof StructError ? e.kind : 'SyntaxError';
    return { ok: false, error: `${kind}: ${(e as Error).message}`, size };
  }
}

export function usePacked(format: string, valuesText: string): Packed {
  return useMemo(() => packOrError(format, valuesText), [format, valuesText]);
}

/** The same items with another byte order: '!hH' → '<hH'. */
export function withOrder(format: string, order: '<' | '>'): string {
  return order + format.replace(/^[@=<>!]/, '');
}
