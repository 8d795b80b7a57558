// The page's stand-in for the benchmark: its own process, reads every batch, counts events.
// Usage: ws-reader.ts <bridge port> <token> <lab> <bufsize>; prints the lab server's port, then
// "<events> <dropped>" each time a line arrives on stdin.
import WebSocket from 'ws';
import { decodeEventBatch, type SocketEvent } from '@socket-lab/protocol';

const [port, token, lab, bufsize] = process.argv.slice(2);
const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}&events=binary`, { origin: `http://127.0.0.1:${port}` });
let events = 0;
let dropped = 0;
let announced = false;
// Events come as binary batches, decoded as the page decodes them; replies as JSON text.
ws.on('message', (data: Buffer, isBinary) => {
  if (!isBinary) return;
  const decoded = decodeEventBatch(data);
  if (!decoded.ok) throw new Error(decoded.message);
  const m: { events?: SocketEvent[]; dropped?: number } = decoded.value;
  events += m.events!.length;
  dropped = m.dropped!;
  // A TCP server is ready at listen(); a UDP server, which never listens, at bind().
  const listen = m.events!.find((e) => e.op === 'listen' || (e.op === 'bind' && e.role === 'server' && !lab!.startsWith('tcp') && lab !== 'length-prefix'));
  if (!announced && listen?.local) {
    announced = true;
    process.stdout.write(`${listen.local[1]}\n`);
  }
});
ws.on('open', () => {
  const start = lab === 'tcp-echo' ? { op: 'start-server', host: '127.0.0.1', port: 0, backlog: 128 } : { op: 'start-server', host: '127.0.0.1', port: 0 };
  ws.send(JSON.stringify({ type: 'command', id: 1, lab, command: { op: 'set-bufsize', bufsize: Number(bufsize) } }));
  ws.send(JSON.stringify({ type: 'command', id: 2, lab, command: start }));
});
process.stdin.on('data', () => process.stdout.write(`${events} ${dropped}\n`));
