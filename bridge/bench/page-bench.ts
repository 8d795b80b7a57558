// The page's figures (socket event -> painted; events delivered into the page, its heap, its
// frames) come from the e2e package's benches, which drive a real Chromium: each run as a child,
// its --json figures joined to this run's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, type Figure } from './figures.ts';

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../e2e');

export const pageLatency = () => pageBench('bench/latency.ts', 'Socket event -> painted in Chromium (TCP echo, 1,000 events/s):');
export const pageTimeline = () => pageBench('bench/timeline.ts', 'A million events into Chromium (TCP echo at recv(1)), then scrolled and scrubbed:');

async function pageBench(script: string, title: string): Promise<void> {
  console.log(title);
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--json'], { cwd: e2eDir, stdio: ['ignore', 'pipe', 'pipe'] });
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
