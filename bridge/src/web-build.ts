// `pnpm start` builds what is missing: the page is rebuilt when any of its sources is newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** Builds web/dist if it is missing or older than web/ or packages/ sources; returns whether it built. */
export function ensureWebBuilt(repoRoot: string): boolean {
  const index = path.join(repoRoot, 'web/dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(repoRoot, 'web')), newestMtime(path.join(repoRoot, 'packages')));
  if (built >= sources) return false;
  process.stderr.write('Building the page (web/dist) ...\n');
  const r = spawnSync('pnpm', ['--filter', '@socket-lab/web', 'run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('building the page failed: run `pnpm build` to see why');
  return true;
}
