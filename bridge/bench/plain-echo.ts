// Baseline server for the benchmark: Node's plainest TCP echo, in its own process.
import net from 'node:net';

const server = net.createServer((s) => {
  s.on('error', () => s.destroy());
  s.pipe(s);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as net.AddressInfo).port}\n`);
});
