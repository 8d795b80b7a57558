// `pnpm demo <exercise> [--video] [--headless]`: runs one exercise's demo spec in a visible
// browser, slowed down for a class; --video records it (Playwright's ffmpeg must be installed).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const exercises = readdirSync(path.join(here, 'specs/demos')).map((f) => f.replace(/\.spec\.ts$/, ''));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { video: { type: 'boolean', default: false }, headless: { type: 'boolean', default: false } },
});
const exercise = positionals[0];
if (!exercise || !exercises.includes(exercise)) {
  console.error(`usage: pnpm demo <exercise> [--video] [--headless]\nexercises: ${exercises.join(', ')}`);
  process.exit(2);
}
if (values.video) {
  // Playwright records with its own ffmpeg build, which `playwright install` downloads.
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache/ms-playwright');
  const ffmpeg = existsSync(root) && readdirSync(root).some((d) => d.startsWith('ffmpeg-') && existsSync(path.join(root, d, 'ffmpeg-linux')));
  if (!ffmpeg) {
    console.error(`--video needs Playwright's ffmpeg, which is not in ${root}.\nInstall it once (needs the internet): pnpm --filter @socket-lab/e2e exec playwright install ffmpeg`);
    process.exit(2);
  }
}
const args = ['exec', 'playwright', 'test', `specs/demos/${exercise}.spec.ts`, '--workers=1'];
if (!values.headless) args.push('--headed');
const result = spawnSync('pnpm', args, {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, SOCKET_LAB_DEMO: '1', ...(values.video ? { SOCKET_LAB_DEMO_VIDEO: '1' } : {}) },
});
if (values.video && result.status === 0) console.log(`video: ${path.join(here, 'test-results')} (one .webm per run)`);
process.exit(result.status ?? 1);
