// scripts/bundle.mjs, as `pnpm start` runs it before each start: a source changed since the last
// bundle is bundled again; nothing changed, nothing is rebuilt.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(path.join(tmpdir(), 'socket-lab-bundle-'));
// The entry must sit under bridge/: the bundle records its sources relative to it.
const src = path.join(bridgeDir, 'test', `.bundle-fixture-${process.pid}`);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(src, { recursive: true, force: true });
});

const bundle = () => execFileSync(process.execPath, ['scripts/bundle.mjs', `--outdir=${out}`, `fixture=${path.relative(bridgeDir, path.join(src, 'entry.ts'))}`], { cwd: bridgeDir });
const run = () => execFileSync(process.execPath, [path.join(out, 'fixture.js')]).toString().trim();

describe('scripts/bundle.mjs', () => {
  it('bundles again only when a source changed', () => {
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(src, 'entry.ts'), "import { word } from './word.ts';\nconsole.log(word);\n");
    writeFileSync(path.join(src, 'word.ts'), "export const word: string = 'one';\n");
    bundle();
    expect(run()).toBe('one');
    const built = statSync(path.join(out, 'fixture.js')).mtimeMs;
    bundle();
    expect(statSync(path.join(out, 'fixture.js')).mtimeMs).toBe(built);
    // An imported module edited (its time set ahead, so the test does not depend on the clock's grain).
    writeFileSync(path.join(src, 'word.ts'), "export const word: string = 'two';\n");
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(src, 'word.ts'), later, later);
    bundle();
    expect(run()).toBe('two');
  });
});
