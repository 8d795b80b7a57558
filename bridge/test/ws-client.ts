// A WebSocket test client that speaks the protocol and waits for messages instead of sleeping.
import type { LabId, ServerMessage, SocketEvent } from '@socket-lab/protocol';
import { decodeEventBatch, parseServerMessage } from '@socket-lab/protocol';
import WebSocket from 'ws';
import type { Bridge } from '../src/app.ts';

export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly events: SocketEvent[] = [];
  private waiters: Array<() => void> = [];
  private nextId = 1;
  closeCode: number | null = null;

  /** Binary frames received (event batches, for a client that asked for them as the page does). */
  binaryFrames = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) this.binaryFrames++;
      const parsed = isBinary ? decodeEventBatch(data) : parseServerMessage(data.toString());
      if (!parsed.ok) throw new Error(`bridge sent an invalid message: ${parsed.message}`);
      this.messages.push(parsed.value);
      if (parsed.value.type === 'events') this.events.push(...parsed.value.events);
      for (const w of this.waiters) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters) w();
    });
  }

  /**
   * Opens a session as the page does: events as binary batches, unless `events: 'json'` (as a
   * script that asks for nothing gets them).
   */
  static open(bridge: Pick<Bridge, 'port' | 'token'>, options: { token?: string; events?: 'binary' | 'json' } = {}): Promise<TestClient> {
    const host = `127.0.0.1:${bridge.port}`;
    const asked = options.events === 'json' ? '' : '&events=binary';
    const ws = new WebSocket(`ws://${host}/ws?token=${options.token ?? bridge.token}${asked}`, { origin: `http://${host}` });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
    });
  }

  until<T>(pick: () => T | undefined, what: string): Promise<T> {
    const now = pick();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 15_000);
      const check = () => {
        const v = pick();
        if (v !== undefined) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(v);
        }
      };
      this.waiters.push(check);
    });
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  /** Sends a lab command (tcp-echo unless named) and waits for its result or error reply. */
  async command(command: Record<string, unknown>, lab: LabId = 'tcp-echo'): Promise<ServerMessage> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'command', id, lab, command }));
    return this.until(() => this.messages.find((m) => (m.type === 'result' || m.type === 'error') && m.id === id), `reply ${id}`);
  }
}

/** Status code of a refused upgrade, from the raw HTTP response. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', () => {});
  });
}
