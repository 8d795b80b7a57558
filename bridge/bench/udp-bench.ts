// Datagrams per second through the lab's UDP echo (events recorded) vs a plain dgram echo.
import dgram from 'node:dgram';
import { child, fmt, labWithReader, median } from './children.ts';
import { figure } from './figures.ts';

/** Keeps `window` datagrams of `size` bytes in flight on one socket; counts echoes per second. */
function datagramLoad(port: number, size: number, window: number, seconds: number): Promise<{ perSecond: number; lost: number }> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const payload = Buffer.alloc(size, 0x61);
    let inFlight = 0;
    let echoed = 0;
    let sent = 0;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    const pump = () => {
      while (inFlight < window && performance.now() < deadline) {
        inFlight++;
        sent++;
        s.send(payload, port, '127.0.0.1');
      }
    };
    s.on('message', () => {
      echoed++;
      inFlight--;
      pump();
    });
    // Loopback UDP can still drop under load (full socket buffers): a stalled window is refilled.
    const watchdog = setInterval(() => {
      if (performance.now() >= deadline) {
        clearInterval(watchdog);
        s.close();
        resolve({ perSecond: echoed / seconds, lost: sent - echoed });
        return;
      }
      inFlight = Math.min(inFlight, window - 1);
      pump();
    }, 50);
    s.bind(0, '127.0.0.1', pump);
  });
}

export async function datagramsPerSecond(seconds: number, reps: number): Promise<void> {
  console.log('\nUDP echo datagrams/s (64-byte datagrams, 32 in flight): lab with events vs plain dgram echo:');
  const ratios: number[] = [];
  const plains: number[] = [];
  for (let i = 0; i < reps; i++) {
    const plain = await child('plain-udp-echo.ts');
    const p = await datagramLoad(Number(plain.line), 64, 32, seconds);
    plain.proc.kill();
    const lab = await labWithReader('udp-echo', 1024);
    const l = await datagramLoad(lab.port, 64, 32, seconds);
    const c = await lab.counts();
    lab.stop();
    ratios.push(l.perSecond / p.perSecond);
    plains.push(p.perSecond);
    console.log(
      `    plain ${fmt(p.perSecond, 0)}/s (${p.lost} lost) | lab ${fmt(l.perSecond, 0)}/s (${l.lost} lost; ${fmt(c.events, 0)} events delivered, ${c.dropped} dropped) | ${fmt(l.perSecond / p.perSecond, 2)}x`,
    );
  }
  console.log(`    ratio  ${fmt(median(ratios), 2)}x`);
  figure({ name: 'UDP echo datagrams/s, lab vs plain dgram', value: median(ratios), unit: 'ratio', target: 0.7, better: 'higher', baseline: median(plains) });
}
