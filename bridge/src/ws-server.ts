// The WebSocket door: checks Host, Origin and token before the upgrade, then gives each page a Session.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { MAX_CLIENT_MESSAGE_BYTES } from '@socket-lab/protocol';
import { checkUpgrade, type Gate } from './security.ts';
import { Session } from './session.ts';

export const WS_PATH = '/ws';

/** Attaches the WebSocket endpoint to `server`; returns the live sessions (for shutdown and tests). */
export function attachWebSocket(server: Server, gate: Gate): Set<Session> {
  const sessions = new Set<Session>();
  // ws closes with 1009 by itself when a frame exceeds maxPayload; compression stays off so a
  // small frame cannot inflate past that limit.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const verdict = checkUpgrade({ host: req.headers.host, origin: req.headers.origin }, url.searchParams.get('token'), gate);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    if (url.pathname !== WS_PATH) return refuse(socket, 404, `no WebSocket endpoint at ${url.pathname}`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(
        randomUUID().slice(0, 8),
        {
          send: (text, done) => ws.send(text, () => done()),
          get bufferedAmount() {
            return ws.bufferedAmount;
          },
          get open() {
            return ws.readyState === WebSocket.OPEN;
          },
        },
        undefined,
        () => ws.close(1008, 'too many unread replies'),
      );
      sessions.add(session);
      ws.on('message', (data, isBinary) => {
        if (isBinary) session.reject('bad-message', 'binary frames are not accepted: send JSON text');
        else void session.receive(data.toString());
      });
      ws.on('close', () => {
        sessions.delete(session);
        session.close();
      });
      ws.on('error', () => ws.terminate());
    });
  });
  return sessions;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
