// Out of file descriptors: a real bridge process under `ulimit -n` takes commands until the OS
// refuses sockets. Each refusal is Python's `OSError: [Errno 24] Too many open files` for that
// command only; the bridge lives, and once the page goes, the next page is served in full.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startChild, stubWebRoot, httpRaw } from './bridge-child.ts';
import { TestClient } from './ws-client.ts';

/** Descriptors the bridge may open past those it holds once started. */
const FD_HEADROOM = 50;

/**
 * A bridge whose descriptor limit is lowered once it runs (prlimit): at start the module loader
 * opens many files at once, and how many grows with the code, so a `ulimit` before it starts
 * would test the loader, not the bridge.
 */
async function limitedBridge() {
  const child = startChild('sh', ['-c', 'cd bridge && exec node --import tsx src/main.ts'], {
    PORT: '0',
    SOCKET_LAB_SKIP_BUILD: '1',
    SOCKET_LAB_WEB_ROOT: stubWebRoot(),
  });
  const port = Number((await child.until(/running: http:\/\/127\.0\.0\.1:(\d+)\//))[1]);
  const limit = readdirSync(`/proc/${child.proc.pid}/fd`).length + FD_HEADROOM;
  execFileSync('prlimit', ['--pid', String(child.proc.pid), `--nofile=${limit}:${limit}`]);
  const page = await httpRaw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  const token = /name="socket-lab-token" content="([^"]+)"/.exec(page)![1]!;
  return { ...child, port, token };
}

const serverPort = (c: TestClient) =>
  c.until(() => {
    const m = c.messages.findLast((x) => x.type === 'state' && x.lab === 'tcp-echo');
    return m?.type === 'state' && m.lab === 'tcp-echo' ? m.state.server?.local[1] : undefined;
  }, 'the server');

describe('file descriptors run out', () => {
  it('each command that meets EMFILE fails with Errno 24; the bridge survives and serves the next page', async () => {
    const bridge = await limitedBridge();
    try {
      const page = await TestClient.open(bridge);
      expect(await page.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 128 })).toMatchObject({ type: 'result' });
      const port = await serverPort(page);
      // Each connect holds two descriptors (client and accepted peer); TCP echo allows 64 connections,
      // the UDP labs more sockets: together they are past the limit.
      const replies = [];
      for (let i = 0; i < 32; i++) replies.push(await page.command({ op: 'connect', host: '127.0.0.1', port }));
      for (let i = 0; i < 8; i++) {
        replies.push(await page.command({ op: 'compare-boundaries', messages: ['one', 'two', 'three'] }, 'udp-echo'));
        replies.push(await page.command({ op: 'start-server', host: '127.0.0.1', port: 0 }, 'length-prefix'));
        replies.push(await page.command({ op: 'connect', host: '127.0.0.1', port: 1 }, 'length-prefix'));
      }
      const errors = replies.flatMap((r) => (r.type === 'error' ? [r.message] : []));
      expect(errors.some((m) => m.startsWith('OSError: [Errno 24] Too many open files'))).toBe(true);
      expect(errors.filter((m) => m.startsWith('internal error'))).toEqual([]);
      expect(bridge.proc.exitCode).toBeNull();
      page.ws.close();
      await page.until(() => page.closeCode ?? undefined, 'close');

      // The descriptors are back once the page's sockets are closed: a new page is served in full.
      const next = await TestClient.open(bridge);
      expect(await next.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 })).toMatchObject({ type: 'result' });
      expect(await next.command({ op: 'connect', host: '127.0.0.1', port: await serverPort(next) })).toMatchObject({ type: 'result' });
      expect(await next.command({ op: 'compare-boundaries', messages: ['a', 'b'] }, 'udp-echo')).toMatchObject({ type: 'result' });
      next.ws.close();
    } finally {
      bridge.proc.kill('SIGTERM');
      await bridge.exited;
    }
  });
});
