// Every figure a bench run measures, for `pnpm bench --json` (SPEC "bench"): scripts outside the
// project read these; people read the text the benches print beside them.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target the issue or SPEC sets, in the same unit; null where none is set. */
  target: number | null;
  better: 'higher' | 'lower';
  /** What the value was measured against in the same run (a ratio's denominator, e.g. plain s.pipe(s)'s MiB/s); null where none. */
  baseline: number | null;
}

const figures: Figure[] = [];

export function figure(f: Figure): void {
  figures.push(f);
}

/** The document `--json` prints. */
export function figuresJson(): string {
  return JSON.stringify({ figures }, null, 2);
}
