// The page's end of the wire: one WebSocket, every incoming frame parsed once, requests matched by id.
import type { ClientMessage, ServerMessage } from '@socket-lab/protocol';
import { BINARY_EVENTS_PARAM, BINARY_EVENTS_VALUE, decodeEventBatch, parseServerMessage } from '@socket-lab/protocol';

export type Status =
  | { kind: 'connecting' }
  | { kind: 'open'; session: string }
  /** `retrying`: the page looks for the bridge again by itself (every few seconds). */
  | { kind: 'closed'; reason: string; retrying?: boolean }
  /** Served as static files (no bridge behind this page): a supported way to replay traces, not an error. */
  | { kind: 'static' }
  /** Showing a saved trace; no bridge is involved. */
  | { kind: 'replay'; name: string };

/** A request without its id: the client numbers requests itself. */
type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

export interface BridgeHandlers {
  message(msg: ServerMessage): void;
  status(status: Status): void;
}

/** How long the page waits between looks for a bridge that went away. */
export const RETRY_MS = 2000;

export class BridgeClient {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(msg: ServerMessage): void; reject(err: Error): void }>();
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** Closed on purpose (a replay): no looking for the bridge again. */
  private stopped = false;

  constructor(
    private url: string,
    private readonly handlers: BridgeHandlers,
    /** Asks the page's origin for its launch token again: a restarted bridge has a new one. */
    private readonly freshToken: () => Promise<string | null> = async () => null,
  ) {}

  connect(): void {
    this.stopped = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.handlers.status({ kind: 'connecting' });
    const ws = new WebSocket(this.url);
    // Events come as binary batches (the URL asks for them), every other message as JSON text.
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = (ev: MessageEvent) => {
      const parsed = ev.data instanceof ArrayBuffer ? decodeEventBatch(ev.data) : parseServerMessage(String(ev.data));
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
      if (this.ws !== ws) return;
      this.ws = null;
      this.handlers.status({ kind: 'closed', reason: describeClose(ev), retrying: !this.stopped });
      if (!this.stopped) this.retry = setTimeout(() => void this.lookAgain(), RETRY_MS);
    };
  }

  /** Looks for the bridge again: the page's origin answers with the token of whichever bridge serves it now. */
  async lookAgain(): Promise<void> {
    if (this.stopped || this.ws) return;
    const token = await this.freshToken().catch(() => null);
    if (this.stopped || this.ws) return;
    if (token === null) {
      this.retry = setTimeout(() => void this.lookAgain(), RETRY_MS);
      return;
    }
    this.url = this.url.replace(/token=[^&]*/, `token=${encodeURIComponent(token)}`);
    this.connect();
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
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
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

/**
 * The token of the bridge serving this page's origin now, read from a fresh copy of the page (a
 * same-origin read: another site cannot make it), and kept in this document for the pcapng
 * download; null while nothing answers there.
 */
export async function refetchToken(doc: Document, loc: Location): Promise<string | null> {
  const res = await fetch(loc.pathname, { cache: 'no-store' });
  if (!res.ok) return null;
  const token = /<meta name="socket-lab-token" content="([^"]+)">/.exec(await res.text())?.[1] ?? null;
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="socket-lab-token"]');
  if (token && meta) meta.content = token;
  return token;
}

/** The WebSocket URL for this page: same host and port, with the token the bridge put in the page. */
export function bridgeUrl(doc: Document, loc: Location): string | null {
  const token = pageToken(doc);
  if (!token) return null;
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}&${BINARY_EVENTS_PARAM}=${BINARY_EVENTS_VALUE}`;
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
