// The WebSocket's limits, over real connections: each refusal is clean and named, and a page
// that reads is never dropped for sending fast. (The 1009 close is tested in Chromium: e2e/specs/limits.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBridge, type Bridge } from '../src/app.ts';
import { TestClient } from './ws-client.ts';

let bridge: Bridge;
beforeAll(async () => {
  bridge = await startBridge({ port: 0, webRoot: '/nonexistent', maxSessions: 3 });
});
afterAll(() => bridge.close());

describe('limits', () => {
  it('a page past the session cap is told why (1013 and the reason); once a tab closes, a new page is served', async () => {
    const open = [await TestClient.open(bridge), await TestClient.open(bridge), await TestClient.open(bridge)];
    await Promise.all(open.map((c) => c.until(() => c.messages.find((m) => m.type === 'welcome'), 'welcome')));
    const host = `127.0.0.1:${bridge.port}`;
    const extra = new WebSocket(`ws://${host}/ws?token=${bridge.token}`, { origin: `http://${host}` });
    const [code, reason] = await new Promise<[number, string]>((resolve) => extra.once('close', (c, r) => resolve([c, r.toString()])));
    expect(code).toBe(1013);
    expect(reason).toBe('this bridge already serves 3 pages: close a tab, then reload');
    open[0]!.ws.close();
    await open[0]!.until(() => open[0]!.closeCode ?? undefined, 'close');
    await expect.poll(() => bridge.sessions.size).toBe(2);
    const again = await TestClient.open(bridge);
    await again.until(() => again.messages.find((m) => m.type === 'welcome'), 'welcome');
    for (const c of [...open.slice(1), again]) c.ws.close();
    await expect.poll(() => bridge.sessions.size).toBe(0);
  });

  it('an id that is not a whole number is not echoed as another request\'s id', async () => {
    const c = await TestClient.open(bridge);
    c.sendRaw('{"type":"step","id":1.5}');
    c.sendRaw('{"type":"step","id":"7"}');
    const errors = await c.until(() => {
      const e = c.messages.filter((m) => m.type === 'error');
      return e.length >= 2 ? e : undefined;
    }, 'two errors');
    expect(errors.map((e) => e.type === 'error' && e.id)).toEqual([null, null]);
    c.ws.close();
  });

  it('a page that reads gets an answer to each of 20,000 requests sent in one burst, and stays open', async () => {
    const c = await TestClient.open(bridge);
    const n = 20_000;
    const burst = Array.from({ length: n }, (_, i) => JSON.stringify({ type: 'step-mode', id: i + 1, mode: i % 2 ? 'run' : 'step' }));
    for (const text of burst) c.sendRaw(text);
    // Counted as they come: scanning every message on each arrival would be quadratic (40,000 messages).
    let count = 0;
    let scanned = 0;
    const answered = await c.until(() => {
      for (; scanned < c.messages.length; scanned++) if (c.messages[scanned]!.type === 'result' || c.messages[scanned]!.type === 'error') count++;
      return count >= n || c.closeCode !== null ? count : undefined;
    }, 'every answer');
    expect(c.closeCode).toBeNull();
    expect(answered).toBe(n);
    const ids = c.messages.flatMap((m) => (m.type === 'result' ? [m.id] : []));
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    c.ws.close();
  });
});
