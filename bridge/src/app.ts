// Starts one bridge: HTTP page and WebSocket on one port, loopback by default.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpApp } from './http-app.ts';
import { AttachPoint } from './labs/programs/attach.ts';
import { makeGate, newToken } from './security.ts';
import type { SubmissionReport } from '@socket-lab/protocol';
import type { Session } from './session.ts';
import { attachWebSocket } from './ws-server.ts';

export const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BridgeOptions {
  host?: string;
  port?: number;
  webRoot?: string;
  token?: string;
  /** Pages served at once (default MAX_SESSIONS); past it a new page is told why and closed. */
  maxSessions?: number;
  /** A folder of the user's .py files the Programs lab may run (`--programs`). */
  programs?: string;
  /** Where programs started in a terminal attach (attach.ts); none if unset. */
  attach?: string;
  /** A class's grades every page's grader shows (`lab report grades.json`). */
  grades?: SubmissionReport[];
}

export interface Bridge {
  url: string;
  host: string;
  port: number;
  token: string;
  sessions: Set<Session>;
  server: Server;
  /** The attach socket, if the bridge listens for programs started in a terminal. */
  attach: string | null;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 5173 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // The gate needs the real port (port 0 is resolved only now), so the handlers attach after listen.
  const gate = makeGate(host, port, token);
  const attach = options.attach ? await openAttach(options.attach) : null;
  const door = attachWebSocket(server, gate, options.maxSessions, { ...(options.programs ? { programs: options.programs } : {}), ...(attach ? { attach } : {}), ...(options.grades ? { grades: options.grades } : {}) });
  const sessions = door.sessions;
  // After listen, the only errors left are accept's (EMFILE when descriptors run out): the
  // connection is lost, the bridge and its other pages are not.
  server.on('error', (err) => process.stderr.write(`bridge: ${err.message}\n`));
  // A request Node cannot parse gets a plain 400 and nothing else; never a stack trace.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 31\r\n\r\nmalformed HTTP request refused\n');
    } else socket.destroy();
  });
  const findSession = (id: string) => [...sessions].find((s) => s.id === id);
  server.on('request', createHttpApp(options.webRoot ?? DEFAULT_WEB_ROOT, gate, findSession));
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}/`,
    host,
    port,
    token,
    sessions,
    server,
    attach: attach?.path ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        door.closeAll();
        attach?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The attach point, or none with a sentence on stderr (another bridge has it): the page works without. */
async function openAttach(at: string): Promise<AttachPoint | null> {
  try {
    return await AttachPoint.open(at, (message) => process.stderr.write(`socket lab (attached program): ${message}\n`));
  } catch (err) {
    process.stderr.write(`Programs started in a terminal will not show here: ${(err as Error).message}\n`);
    return null;
  }
}
