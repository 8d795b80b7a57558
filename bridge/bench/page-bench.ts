// The page's figures (socket event -> painted) come from the e2e package's bench, which drives a
// real Chromium: run as a child, its --json figures joined to this run's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type Figure } from './figures.ts';

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e');

export async function pageLatency(): Promise<void> {
  console.log('Socket event -> painted in Chromium (TCP echo, 1,000 events/s):');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/latency.ts', '--json'], { cwd: e2eDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => process.stderr.write(`  ${d.toString().trimEnd().replace(/\n/g, '\n  ')}\n`));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    console.log(`  the page bench failed (exit ${code}): no figures`);
    return;
  }
  for (const f of (JSON.parse(out) as { figures: Figure[] }).figures) figure(f);
  console.log('');
}
