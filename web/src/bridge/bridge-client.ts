// The page's end of the wire: one WebSocket, every incoming frame parsed once, requests matched by id.
import type { ClientMessage, ServerMessage } from '@socket-lab/protocol';
import { parseServerMessage } from '@socket-lab/protocol';

export type Status =
  | { kind: 'connecting' }
  | { kind: 'open'; session: string }
  | { kind: 'closed'; reason: string }
  /** Showing a saved trace; no bridge is involved. */
  | { kind: 'replay'; name: string };

/** A request without its id: the client numbers requests itself. */
type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

export interface BridgeHandlers {
  message(msg: ServerMessage): void;
  status(status: Status): void;
}

export class BridgeClient {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(msg: ServerMessage): void; reject(err: Error): void }>();

  constructor(
    private readonly url: string,
    private readonly handlers: BridgeHandlers,
  ) {}

  connect(): void {
    this.handlers.status({ kind: 'connecting' });
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onmessage = (ev: MessageEvent) => {
      const parsed = parseServerMessage(String(ev.data));
      if (!parsed.ok) {
        console.error('bridge sent a message the page does not understand:', parsed.message);
        return;
      }
      const msg = parsed.value;
      if ((msg.type === 'result' || msg.type === 'bytes' || msg.type === 'error') && msg.id !== null) {
        const waiter = this.pending.get(msg.id);
        if (waiter) {
          this.pending.delete(msg.id);
          if (msg.type === 'error') waiter.reject(new Error(msg.message));
          else waiter.resolve(msg);
          return;
        }
      }
      if (msg.type === 'welcome') this.handlers.status({ kind: 'open', session: msg.session });
      this.handlers.message(msg);
    };
    ws.onclose = (ev: CloseEvent) => {
      for (const w of this.pending.values()) w.reject(new Error('the bridge connection closed'));
      this.pending.clear();
      if (this.ws === ws) this.handlers.status({ kind: 'closed', reason: describeClose(ev) });
    };
  }

  /** Sends a request; resolves with the bridge's reply, rejects with its error message. */
  request(req: Request): Promise<ServerMessage> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('not connected to the bridge'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ ...req, id }));
    });
  }

  /** Closes the connection on purpose (e.g. to replay a trace): no 'closed' status follows. */
  close(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }
}

function describeClose(ev: CloseEvent): string {
  if (ev.code === 1009) return 'the bridge closed the connection: a message was over 1 MiB (1009)';
  if (ev.code === 1006) return 'lost the connection to the bridge (is `pnpm start` still running?)';
  return `the bridge closed the connection (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`;
}

/** The launch token the bridge put in the page (absent when the page is served as static files). */
function pageToken(doc: Document): string | null {
  return doc.querySelector<HTMLMetaElement>('meta[name="socket-lab-token"]')?.content ?? null;
}

/** The WebSocket URL for this page: same host and port, with the token the bridge put in the page. */
export function bridgeUrl(doc: Document, loc: Location): string | null {
  const token = pageToken(doc);
  if (!token) return null;
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

/**
 * The session's pcapng, kept by the bridge with every byte moved (the page holds only previews).
 * The token travels in a header, not the URL, so it never lands in history or logs.
 */
export async function fetchCapture(doc: Document, session: string): Promise<Blob> {
  const token = pageToken(doc);
  if (!token) throw new Error('this page was not served by a bridge, so there is no capture to save');
  const res = await fetch(`/api/session/${encodeURIComponent(session)}/capture.pcapng`, { headers: { 'x-socket-lab-token': token } });
  if (!res.ok) throw new Error(`could not save the pcapng: ${(await res.text()).trim() || res.statusText}`);
  return res.blob();
}
