// The load client both servers get: 64 KiB messages on one connection, 1 KiB ping-pong on 64.
import net from 'node:net';

export interface LoadResult {
  bytes: number;
  roundTrips: number;
  seconds: number;
}

/** Sends `size`-byte messages on each of `conns` connections, `window` in flight per connection. */
export async function echoLoad(port: number, conns: number, size: number, window: number, seconds: number): Promise<LoadResult> {
  const payload = Buffer.alloc(size, 0x61);
  let bytes = 0;
  let roundTrips = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from(
      { length: conns },
      () =>
        new Promise<void>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1');
          s.setNoDelay(true);
          let pending = 0;
          let owed = 0;
          const pump = () => {
            while (pending < window && performance.now() < deadline) {
              pending++;
              s.write(payload);
            }
            if (pending === 0) s.end();
          };
          s.on('connect', pump);
          s.on('data', (d: Buffer) => {
            bytes += d.length;
            owed += d.length;
            while (owed >= size) {
              owed -= size;
              pending--;
              roundTrips++;
            }
            pump();
          });
          s.on('close', () => resolve());
          s.on('error', reject);
        }),
    ),
  );
  return { bytes, roundTrips, seconds: (performance.now() - start) / 1000 };
}
