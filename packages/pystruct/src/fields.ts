// Where each value of a format lives in the packed bytes, for drawing them field by field.
import type { Layout } from './format.ts';

export interface Field {
  /** 'value' holds one packed value; 'pad' is an x byte; 'align' is native alignment padding. */
  kind: 'value' | 'pad' | 'align';
  code: string;
  offset: number;
  size: number;
  /** Position in the values tuple, for 'value' fields. */
  index?: number;
}

/** The bytes of a layout as consecutive fields, alignment gaps included. */
export function fieldsOf(layout: Layout): Field[] {
  const fields: Field[] = [];
  let cursor = 0;
  let index = 0;
  for (const item of layout.items) {
    if (item.offset > cursor) fields.push({ kind: 'align', code: '', offset: cursor, size: item.offset - cursor });
    if (item.code === 'x') {
      if (item.count > 0) fields.push({ kind: 'pad', code: 'x', offset: item.offset, size: item.count });
    } else if (item.code === 's' || item.code === 'p') {
      fields.push({ kind: 'value', code: `${item.count}${item.code}`, offset: item.offset, size: item.count, index: index++ });
    } else {
      for (let k = 0; k < item.count; k++) fields.push({ kind: 'value', code: item.code, offset: item.offset + k * item.size, size: item.size, index: index++ });
    }
    cursor = item.offset + (item.code === 'x' || item.code === 's' || item.code === 'p' ? item.count : item.count * item.size);
  }
  return fields;
}
