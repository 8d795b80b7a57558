// How the bridge and `lab serve` end: SIGINT/SIGTERM to pnpm or to node close every session,
// socket and temp file and exit (SPEC: within 2 s), with a page open. Real processes, as started by a user.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alive, refused, startBridgeChild, startChild } from './bridge-child.ts';
import { TestClient } from './ws-client.ts';

/** The node process pnpm runs (the root script `exec`s it, so it is pnpm's only child). */
function nodeChildOf(pid: number): number {
  return Number(execFileSync('pgrep', ['-P', String(pid)]).toString().trim().split('\n')[0]);
}


describe('stopping the bridge with a page open', () => {
  for (const [signal, to] of [
    ['SIGTERM', 'pnpm'],
    ['SIGINT', 'node'],
  ] as const) {
    it(`${signal} to ${to}: the page is closed, its lab server stops listening, its capture file is removed, the process exits`, async () => {
      const bridge = await startBridgeChild();
      const node = nodeChildOf(bridge.proc.pid!);
      const page = await TestClient.open(bridge);
      const started = await page.command({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 });
      expect(started).toMatchObject({ type: 'result' });
      const state = await page.until(() => page.messages.find((m) => m.type === 'state' && m.lab === 'tcp-echo' && m.state.server !== null), 'the server state');
      const labPort = state.type === 'state' && state.lab === 'tcp-echo' ? state.state.server!.local[1] : 0;
      // Bytes through the lab, so the session's capture has a temp file to clean up.
      expect(await page.command({ op: 'connect', host: '127.0.0.1', port: labPort })).toMatchObject({ type: 'result' });
      const client = await page.until(() => {
        const m = page.messages.findLast((x) => x.type === 'state' && x.lab === 'tcp-echo');
        return m?.type === 'state' && m.lab === 'tcp-echo' ? m.state.clients[0]?.socket : undefined;
      }, 'the client');
      // Over the capture's 64 KiB in-memory stage, so its packets reach the temp file.
      expect(await page.command({ op: 'sendall', socket: client, hex: 'ab'.repeat(100_000) })).toMatchObject({ type: 'result' });
      await page.until(() => {
        const echoed = page.events.filter((e) => e.op === 'recv' && e.role === 'client').reduce((n, e) => n + e.size, 0);
        return echoed >= 100_000 || undefined;
      }, 'the echo');
      expect(await refused(labPort)).toBe(false);
      expect(readdirSync(bridge.tmp).filter((f) => f.startsWith('socket-lab-capture-'))).toHaveLength(1);

      process.kill(to === 'pnpm' ? bridge.proc.pid! : node, signal);
      await page.until(() => page.closeCode ?? undefined, 'the page to be closed');
      expect(page.closeCode).toBe(1001);
      await expect.poll(() => alive(node), { timeout: 10_000 }).toBe(false);
      expect(await refused(labPort)).toBe(true);
      expect(await refused(bridge.port)).toBe(true);
      // (tsx keeps its compile cache there too.)
      expect(readdirSync(bridge.tmp).filter((f) => f.startsWith('socket-lab-'))).toEqual([]);
      // pnpm and tsx starting a bridge is heavy work: on a busy 2-core machine it took over 30 s once.
    }, 90_000);
  }
});

describe('stopping pnpm lab serve', () => {
  it('SIGTERM to the pnpm process (as a TA script does) stops the server: no orphan keeps listening', async () => {
    const serve = startChild('pnpm', ['--silent', 'lab', 'serve', 'tcp-echo', '--port', '0']);
    const port = Number((await serve.until(/listening on 127\.0\.0\.1:(\d+)/))[1]);
    const node = nodeChildOf(serve.proc.pid!);
    expect(await refused(port)).toBe(false);
    serve.proc.kill('SIGTERM');
    await serve.exited;
    await expect.poll(() => alive(node), { timeout: 10_000 }).toBe(false);
    expect(await refused(port)).toBe(true);
  });
});
