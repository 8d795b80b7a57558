// A lecture hall's load, in its own process: N pages (WebSockets) on one bridge, each with the TCP
// echo lab's server started, and a client per page sending a 16-byte message every 50 ms once its
// last echo is back (a student typing, at a student's pace). Each page reads all its events.
// Usage: sessions-load.ts <bridge port> <token> <sessions> <seconds>; prints "ready" once every
// page is up, then one JSON line {"roundTrips", "p50", "p99", "max", "skipped", "events"} at the end.
import net from 'node:net';
import WebSocket from 'ws';
import { decodeEventBatch } from '@socket-lab/protocol';

const [bridgePort, token, n, secs] = process.argv.slice(2);
const SESSIONS = Number(n);
const SECONDS = Number(secs);
const EVERY_MS = 50;
const MESSAGE = Buffer.from('ping from a page');

interface Session {
  ws: WebSocket;
  sock: net.Socket;
  events: number;
}

/** Opens one page and its echo server, and connects its client; resolves once the client is connected. */
function open(): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridgePort}/ws?token=${token}&events=binary`, { origin: `http://127.0.0.1:${bridgePort}` });
    const s: Session = { ws, sock: null as unknown as net.Socket, events: 0 };
    let port = 0;
    ws.on('error', reject);
    ws.on('close', (code, why) => port === 0 && reject(new Error(`page closed (${code} ${why.toString()})`)));
    ws.on('message', (data: Buffer, isBinary) => {
      // Every batch is read as a page reads it (decoded); the first listen names the echo's port.
      if (!isBinary) return;
      const decoded = decodeEventBatch(data);
      if (!decoded.ok) return reject(new Error(decoded.message));
      const m = decoded.value;
      s.events += m.events!.length;
      const listen = port === 0 ? m.events!.find((e) => e.op === 'listen') : undefined;
      if (!listen?.local) return;
      port = listen.local[1];
      s.sock = net.connect(port, '127.0.0.1', () => resolve(s));
      s.sock.setNoDelay(true);
      s.sock.on('error', reject);
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'command', id: 1, lab: 'tcp-echo', command: { op: 'start-server', host: '127.0.0.1', port: 0, backlog: 128 } })));
  });
}

const sessions: Session[] = [];
// A few pages at a time: a hall's pages open over a minute, not in one instant.
for (let i = 0; i < SESSIONS; i += 25) sessions.push(...(await Promise.all(Array.from({ length: Math.min(25, SESSIONS - i) }, open))));
process.stdout.write('ready\n');

const rtts: number[] = [];
let skipped = 0;
const end = performance.now() + SECONDS * 1000;
await Promise.all(
  sessions.map(
    (s) =>
      new Promise<void>((done) => {
        let sentAt = -1;
        let got = 0;
        s.sock.on('data', (d: Buffer) => {
          got += d.length;
          if (sentAt >= 0 && got >= MESSAGE.length) {
            rtts.push(performance.now() - sentAt);
            got -= MESSAGE.length;
            sentAt = -1;
          }
        });
        const tick = () => {
          if (performance.now() >= end) return done();
          // The last echo is not back: this tick's message waits for the next (a slow round trip counts once, in full).
          if (sentAt >= 0) skipped++;
          else {
            sentAt = performance.now();
            s.sock.write(MESSAGE);
          }
          setTimeout(tick, EVERY_MS);
        };
        // Each page's first message at its own moment in the first 50 ms, as students' are.
        setTimeout(tick, Math.random() * EVERY_MS);
      }),
  ),
);
rtts.sort((a, b) => a - b);
const q = (p: number) => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] ?? NaN;
const events = sessions.reduce((sum, s) => sum + s.events, 0);
process.stdout.write(`${JSON.stringify({ roundTrips: rtts.length, p50: q(0.5), p99: q(0.99), max: rtts.at(-1) ?? NaN, skipped, events })}\n`);
for (const s of sessions) (s.sock.destroy(), s.ws.close());
process.exit(0);
