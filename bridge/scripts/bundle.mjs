// @ts-check
// The bridge as `pnpm start` and `pnpm lab` run it: each entry and the workspace packages it
// imports in one JavaScript file (dist/), made by esbuild in about half a second when a source
// changed since the last (each start checks, in a few milliseconds).
// Why not tsx at run time: its loader runs in a thread of its own with its own heap, +25-35 MiB of
// RSS for the bridge's whole life (measured idle: 105 -> 80 MiB; peak while 16 MiB of frames pass
// at recv(4): 213 -> 177 MiB, against SPEC's 200), and it names every closure the code makes.
// Unit tests import src/ through tsx; the tests that start `pnpm start` and `pnpm lab serve`, the
// e2e suite's bridges and the bench's bridge and `lab run` run the bundle.
import { readFile, rename, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What `pnpm start` and `pnpm lab` run. */
export const ENTRIES = { main: 'src/main.ts', cli: 'src/cli.ts' };

/**
 * Each source file keeps its own `import.meta.url`: the bridge finds its Python programs, the
 * tracer and the page's build beside its sources, wherever the bundle is written.
 * @type {import('esbuild').Plugin}
 */
const sourceMetaUrl = {
  name: 'source-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * Bundles `entries` (name: path under bridge/) into `outdir`. Each file is written whole and then
 * renamed into place, so a bridge starting meanwhile never loads half of one.
 * @param {Record<string, string>} entries
 * @param {string} outdir
 */
export async function bundle(entries = ENTRIES, outdir = path.join(bridgeDir, 'dist')) {
  const record = path.join(outdir, 'inputs.json');
  if (await upToDate(entries, outdir, record)) return;
  // Loaded only to build: a start with the bundle up to date does not pay for it.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: bridgeDir,
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bridge's own npm dependencies stay in node_modules (express and commander are CommonJS).
    external: ['express', 'ws', 'commander'],
    plugins: [sourceMetaUrl],
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  await mkdir(outdir, { recursive: true });
  // The record of what was bundled goes last: a build cut short is never taken for up to date.
  const files = [...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })), { path: record, contents: JSON.stringify({ entries, inputs: Object.keys(result.metafile.inputs) }) }];
  for (const file of files) {
    const temp = `${file.path}.${process.pid}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
}

/**
 * Whether the last bundle in `outdir` was made of these entries from sources none of which has
 * changed since (SPEC: serving within 3 s once built; the build is about half a second).
 * @param {Record<string, string>} entries
 * @param {string} outdir
 * @param {string} record
 */
async function upToDate(entries, outdir, record) {
  try {
    const last = JSON.parse(await readFile(record, 'utf8'));
    if (JSON.stringify(last.entries) !== JSON.stringify(entries)) return false;
    const built = (await stat(record)).mtimeMs;
    for (const name of Object.keys(entries)) if ((await stat(path.join(outdir, `${name}.js`))).mtimeMs > built) return false;
    // This script too: a change to how the bridge is bundled is a change to the bundle.
    for (const input of [...last.inputs, fileURLToPath(import.meta.url)]) if ((await stat(path.resolve(bridgeDir, input))).mtimeMs >= built) return false;
    return true;
  } catch {
    return false;
  }
}

// `node scripts/bundle.mjs [--outdir=dir] [name=path …]`: ENTRIES, and more (the bench's bridge).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const outdir = args.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
  const more = Object.fromEntries(args.filter((a) => !a.startsWith('--')).map((arg) => arg.split('=')));
  try {
    await bundle({ ...ENTRIES, ...more }, outdir ? path.resolve(outdir) : undefined);
  } catch (err) {
    process.stderr.write(`Socket Lab could not build the bridge: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
