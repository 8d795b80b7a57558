// Waits the labs that run Python programs share: a free loopback port for a program to listen on,
// and a condition (usually one read from /proc/net/tcp) polled until it holds.
import net from 'node:net';

/** A loopback port nothing listens on now (the kernel's pick), for a lab's programs. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `ok` 20 times a second; rejects with `why` after `ms`. */
export function until(ok: () => boolean, ms: number, why: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const look = () => {
      if (ok()) return resolve();
      if (Date.now() > end) return reject(new Error(why));
      setTimeout(look, 50);
    };
    look();
  });
}

