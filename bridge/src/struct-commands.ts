// `pnpm lab pack` and `pnpm lab unpack`: the workbench's struct engine for slides and scripts.
import { fromHex, toHex } from '@socket-lab/bytes';
import { pack, parseLiteral, pyRepr, StructError, unpack } from '@socket-lab/pystruct';

export interface Output {
  stdout: string;
  stderr: string;
  code: number;
}

function failure(e: unknown): Output {
  if (e instanceof StructError) return { stdout: '', stderr: `${e.kind}: ${e.message}\n`, code: 1 };
  return { stdout: '', stderr: `${(e as Error).message}\n`, code: 2 };
}

/** Packs Python literals with a format; prints lowercase hex. */
export function packCommand(format: string, literals: string[]): Output {
  let values;
  try {
    values = literals.map(parseLiteral);
  } catch (e) {
    return failure(e);
  }
  try {
    return { stdout: toHex(pack(format, values)) + '\n', stderr: '', code: 0 };
  } catch (e) {
    return failure(e);
  }
}

/** Unpacks hex (spaces allowed) with a format; prints one value per line, as repr() does. */
export function unpackCommand(format: string, hex: string): Output {
  let data: Uint8Array;
  try {
    data = fromHex(hex);
  } catch (e) {
    return failure(e);
  }
  try {
    return { stdout: unpack(format, data).map((v) => pyRepr(v) + '\n').join(''), stderr: '', code: 0 };
  } catch (e) {
    return failure(e);
  }
}
