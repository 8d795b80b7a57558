// `pnpm bench:timeline`: records BENCH_EVENTS (default 1,000,000) real events through TCP echo at
// recv(1), then measures frame times in headless Chromium while the timeline scrolls and while
// it is scrubbed, in cards and as the sequence diagram, against idle frames measured in the same
// page (the baseline).
// BENCH_PROFILE=<file> also writes a CPU profile of one run (BENCH_PROFILE_KIND, default scrub).
// --json prints {"figures": [...]} as `pnpm bench --json` does (the rest goes to stderr):
// events delivered into the page per second, none lost, and its heap holding them.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { startBridgeProcess } from '../bridge-process.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { TcpEchoPage } from '../pages/tcp-echo-page.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const json = process.argv.includes('--json');
const say = (line: string) => void (json ? process.stderr : process.stdout).write(`${line}\n`);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 300);

type Kind = 'idle' | 'scroll' | 'scrub';

/**
 * Frame-to-frame times (ms) over `frames` animation frames, doing `kind` once per frame, and the
 * time the page's own work took in each (the input's handlers, React's render and our layout
 * effect all run inside dispatchEvent), to tell slow script from slow paint.
 */
function frameTimes(page: Page, kind: Kind, logName: string): Promise<{ deltas: number[]; work: number[] }> {
  return page.evaluate(
    async ({ kind, frames, logName }) => {
      const log = document.querySelector<HTMLElement>(`[aria-label="${logName}"]`)!;
      const slider = document.querySelector<HTMLInputElement>('input[aria-label="Moment"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const max = Number(slider.max);
      const deltas: number[] = [];
      const work: number[] = [];
      let last = performance.now();
      for (let i = 0; i < frames; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        const start = performance.now();
        if (kind === 'scroll') log.scrollTop += 400;
        if (kind === 'scrub') {
          // A drag across the whole session: jumps of about 1/frames of it per frame.
          setValue.call(slider, String(Math.floor(((i * 7919) % frames) * (max / frames))));
          slider.dispatchEvent(new Event('input', { bubbles: true }));
        }
        work.push(performance.now() - start);
      }
      // deltas[i + 1] is the frame that drew the work done after deltas[i].
      return { deltas: deltas.slice(1), work: work.slice(0, -1) };
    },
    { kind, frames: FRAMES, logName },
  );
}

function stats({ deltas: d, work }: { deltas: number[]; work: number[] }) {
  const s = [...d].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const slow = d.flatMap((x, i) => (x > 20 ? [`#${i + 1} ${x.toFixed(0)} (script ${work[i]!.toFixed(1)})`] : []));
  const w = [...work].sort((a, b) => a - b);
  return { p50: q(0.5), p95: q(0.95), max: s.at(-1)!, over: d.filter((x) => x > 16.7).length, over20: d.filter((x) => x > 20).length, n: d.length, slow, workP95: w[Math.floor(0.95 * w.length)] ?? 0 };
}

const fmt = (x: number) => x.toFixed(1).padStart(6);

const figures: Array<{ name: string; value: number; unit: string; target: number | null; better: 'higher' | 'lower'; baseline: number | null }> = [];
const bridge = await startBridgeProcess();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const lab = new TcpEchoPage(page);
  await lab.goto(bridge.url);
  const port = await lab.startServer('0');
  await lab.setBufsize(1);
  // An outside client sends EVENTS / 2 bytes: each becomes one recv(1) and one sendall.
  const started = Date.now();
  const peer = net.connect(Number(port), '127.0.0.1');
  peer.on('data', () => {});
  await new Promise((r) => peer.once('connect', r));
  peer.end(Buffer.alloc(Math.ceil(EVENTS / 2), 0x61));
  const counter = page.getByLabel('events recorded');
  const count = async () => Number((await counter.textContent())!.replace(/\D/g, ''));
  await page.waitForFunction(
    (n) => Number(document.querySelector('[aria-label="events recorded"]')!.textContent!.replace(/\D/g, '')) >= n,
    EVENTS,
    { timeout: 0, polling: 1000 },
  );
  const seconds = (Date.now() - started) / 1000;
  const recorded = await count();
  const dropped = Number((await page.getByLabel('events dropped').textContent())!.replace(/\D/g, ''));
  say(`recorded ${recorded.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(recorded / seconds).toLocaleString('en')}/s into the page), ${dropped} dropped`);
  const cards = await lab.log.getByRole('article').count();
  say(`cards in the DOM: ${cards}`);
  // SPEC: the page's heap at a million events stays under 300 MB. Chromium's counter, after a GC.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await page.evaluate(() => (performance as Performance & { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
  say(`page JS heap after GC: ${(heap / (1024 * 1024)).toFixed(0)} MiB (SPEC: <= 300 MB)`);
  const events = `${recorded.toLocaleString('en')} events`;
  figures.push(
      // Counted by the page itself (its "events recorded"), from the first byte sent to the last event shown.
      { name: `events delivered into a real page (Chromium), ${events} through TCP echo at recv(1)`, value: recorded / seconds, unit: 'events/s', target: 300_000, better: 'higher', baseline: null },
      { name: `events lost on the way into the page, ${events}`, value: dropped, unit: 'events', target: 0, better: 'lower', baseline: null },
      { name: `page JS heap holding ${events}, after GC`, value: heap / (1024 * 1024), unit: 'MiB', target: 300, better: 'lower', baseline: null },
  );

  // Scroll from the top; scrub across everything.
  await lab.log.evaluate((el) => (el.scrollTop = 0));
  // BENCH_PROFILE=file.cpuprofile: a CPU profile of the BENCH_PROFILE_KIND run (scrub unless
  // set), for Chrome DevTools.
  const profiled = (process.env.BENCH_PROFILE_KIND ?? 'scrub') as Kind;
  const measure = async (kind: Kind, logName = 'Socket calls') => {
    const profiler = process.env.BENCH_PROFILE && kind === profiled ? await page.context().newCDPSession(page) : null;
    if (profiler) await profiler.send('Profiler.enable').then(() => profiler.send('Profiler.start'));
    const result = stats(await frameTimes(page, kind, logName));
    if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    return result;
  };
  const idle = await measure('idle');
  const scroll = await measure('scroll');
  const scrub = await measure('scrub');
  // The same session as a sequence diagram: only its rows in view are drawn, with their arrows.
  await page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Diagram' }).click();
  const diagramLog = 'Socket calls as a sequence diagram';
  await page.getByRole('log', { name: diagramLog }).evaluate((el) => (el.scrollTop = 0));
  const nodes = await page.getByRole('log', { name: diagramLog }).getByRole('button').count();
  say(`diagram nodes in the DOM: ${nodes}`);
  const diagramScroll = await measure('scroll', diagramLog);
  const diagramScrub = await measure('scrub', diagramLog);
  say(`frame times over ${FRAMES} frames (ms)     p50    p95    max  >16.7ms  >20ms`);
  for (const [name, s] of [['idle (baseline)', idle], ['scroll', scroll], ['scrub', scrub], ['diagram scroll', diagramScroll], ['diagram scrub', diagramScrub]] as const) {
    say(`  ${name.padEnd(30)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)} ${String(s.over).padStart(7)} ${String(s.over20).padStart(6)}`);
  }
  for (const [name, st] of [['scroll', scroll], ['scrub', scrub], ['diagram scroll', diagramScroll], ['diagram scrub', diagramScrub]] as const) {
    say(`  ${name}: the page's own work per frame, p95 ${st.workP95.toFixed(1)} ms`);
    if (st.slow.length > 0) say(`  ${name} frames over 20 ms (frame, ms, the page's work before it): ${st.slow.join(', ')}`);
  }
  say(`ratio p95 scroll / idle: ${(scroll.p95 / idle.p95).toFixed(2)}×, scrub / idle: ${(scrub.p95 / idle.p95).toFixed(2)}×`);
  say(`diagram: ratio p95 scroll / idle: ${(diagramScroll.p95 / idle.p95).toFixed(2)}×, scrub / idle: ${(diagramScrub.p95 / idle.p95).toFixed(2)}×`);
  // SPEC: scrolling and scrubbing a million events with no frame over 20 ms.
  for (const [name, st] of [['scroll', scroll], ['scrub', scrub], ['diagram scroll', diagramScroll], ['diagram scrub', diagramScrub]] as const) {
    figures.push({ name: `timeline of ${events}: ${name}, frames over 20 ms of ${st.n}`, value: st.over20, unit: 'frames', target: 0, better: 'lower', baseline: idle.over20 });
  }
  if (json) process.stdout.write(`${JSON.stringify({ figures }, null, 2)}\n`);
} finally {
  await browser.close();
  await bridge.stop();
}
