// The WebSocket door: checks Host, Origin and token before the upgrade, then gives each page a Session.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { BINARY_EVENTS_PARAM, BINARY_EVENTS_VALUE, MAX_CLIENT_MESSAGE_BYTES } from '@socket-lab/protocol';
import { checkUpgrade, type Gate } from './security.ts';
import type { LabOptions } from './labs/registry.ts';
import { Session } from './session.ts';

export const WS_PATH = '/ws';
/**
 * Pages one bridge serves at once by default: a lecture hall (SPEC). Each session may hold dozens
 * of sockets, so without a cap, tabs alone could exhaust the process's file descriptors; past it a
 * new page is refused with the reason, and a command that meets EMFILE fails on its own.
 */
export const MAX_SESSIONS = 1000;

export interface WebSocketDoor {
  /** The live sessions (for downloads and tests). */
  sessions: Set<Session>;
  /**
   * Ends every session and its WebSocket. The HTTP server no longer tracks upgraded sockets, so
   * without this `server.close()` would wait on open pages forever.
   */
  closeAll(): void;
}

/** Attaches the WebSocket endpoint to `server`. */
export function attachWebSocket(server: Server, gate: Gate, maxSessions = MAX_SESSIONS, labOptions: LabOptions = {}): WebSocketDoor {
  const sessions = new Set<Session>();
  // ws closes with 1009 by itself when a frame exceeds maxPayload; compression stays off so a
  // small frame cannot inflate past that limit.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The raw socket is ours from here: a peer that resets it mid-refusal must not throw.
    socket.on('error', () => socket.destroy());
    const url = parseTarget(req.url);
    if (!url) return refuse(socket, 400, `the request target ${JSON.stringify((req.url ?? '').slice(0, 200))} is not a valid URL path`);
    const verdict = checkUpgrade({ host: req.headers.host, origin: req.headers.origin }, url.searchParams.get('token'), gate);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    if (url.pathname !== WS_PATH) return refuse(socket, 404, `no WebSocket endpoint at ${url.pathname}`);
    // The page asks for its events as binary batches; a reader that does not (a script) gets JSON.
    const binary = url.searchParams.get(BINARY_EVENTS_PARAM) === BINARY_EVENTS_VALUE;
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Refused after the upgrade, so the page can show why (a browser never sees an upgrade's status).
      if (sessions.size >= maxSessions) return ws.close(1013, `this bridge already serves ${maxSessions} pages: close a tab, then reload`);
      const session = new Session(
        randomUUID().slice(0, 8),
        {
          send: (text, done) => ws.send(text, () => done()),
          ...(binary ? { sendBinary: (bytes: Uint8Array, done: () => void) => ws.send(bytes, () => done()) } : {}),
          get bufferedAmount() {
            return ws.bufferedAmount;
          },
          get open() {
            return ws.readyState === WebSocket.OPEN;
          },
        },
        undefined,
        () => ws.close(1008, 'too many unread replies'),
        labOptions,
      );
      sessions.add(session);
      ws.on('message', (data, isBinary) => {
        if (isBinary) session.reject('bad-message', 'binary frames are not accepted: send JSON text');
        else void session.receive(data.toString());
        // A page that sends faster than its replies leave is read no further until they have.
        if (session.queue.backlogged && !ws.isPaused) {
          ws.pause();
          session.queue.whenDrained(() => ws.resume());
        }
      });
      ws.on('close', () => {
        sessions.delete(session);
        session.close();
      });
      // ws has already sent its close frame (e.g. 1009 for an oversize frame) and discards what
      // follows; terminating here would reset the connection before the page reads that frame.
      ws.on('error', () => {});
    });
  });
  return {
    sessions,
    closeAll: () => {
      for (const s of sessions) s.close();
      sessions.clear();
      for (const ws of wss.clients) ws.close(1001, 'the bridge is shutting down');
      // A page that does not answer the close frame at once is cut off: shutdown has 2 s in all.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 500).unref();
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

/** The upgrade's target as a URL, or null when it is not one (`//x:99999/ws` has a bad port). */
function parseTarget(target: string | undefined): URL | null {
  if (!target || !target.startsWith('/')) return null;
  try {
    return new URL(target, 'http://bridge.invalid');
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
