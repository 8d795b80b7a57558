// The HTTP side: serves the built page with the launch token in it, and nothing to foreign Hosts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import express from 'express';
import { tokenMatches, type Gate } from './security.ts';
import type { Session } from './session.ts';

export const TOKEN_META = 'socket-lab-token';
/** The page sends its token in this header: a cross-site page cannot set it without a CORS preflight, which the bridge never grants. */
export const TOKEN_HEADER = 'x-socket-lab-token';

export function createHttpApp(webRoot: string, gate: Gate, findSession: (id: string) => Session | undefined): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Refusing foreign Hosts on every request stops a DNS-rebinding page from reading the token.
  app.use((req, res, next) => {
    const host = req.headers.host?.toLowerCase();
    if (!host || !gate.hosts.has(host)) {
      res.status(403).type('text/plain').send(`Host ${JSON.stringify(req.headers.host ?? '')} is not this bridge\n`);
      return;
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  const indexFile = path.join(webRoot, 'index.html');
  const sendIndex: express.RequestHandler = (_req, res) => {
    if (!existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The page is not built: run `pnpm build` (pnpm start does it for you).\n');
      return;
    }
    const html = readFileSync(indexFile, 'utf8').replace(
      '</head>',
      `<meta name="${TOKEN_META}" content="${gate.token}"></head>`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  };
  // A session's capture: every byte its sockets moved, as pcapng (see trace/pcapng-capture.ts).
  app.get('/api/session/:id/capture.pcapng', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!tokenMatches(req.get(TOKEN_HEADER), gate.token)) {
      res.status(401).type('text/plain').send('missing or wrong session token: reload the page\n');
      return;
    }
    const session = findSession(req.params.id);
    if (!session) {
      res.status(404).type('text/plain').send(`no live session ${JSON.stringify(req.params.id)}: a capture lasts only while its page is connected\n`);
      return;
    }
    const file = session.capture.open();
    res.type('application/x-pcapng').setHeader('Content-Disposition', 'attachment; filename="socket-lab.pcapng"');
    res.setHeader('Content-Length', file.length);
    // pipeline ends both on either's error or close: a page that leaves mid-download frees the
    // file's descriptor, and a read error ends the response, not the bridge.
    pipeline(file.stream, res, () => {});
  });
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use(express.static(webRoot, { index: false, fallthrough: true, maxAge: '1h' }));
  app.use(sendIndex);
  // Express's own error page carries a stack trace with this machine's paths: answer plainly.
  const plainError: express.ErrorRequestHandler = (err: { status?: number; statusCode?: number; expose?: boolean; message?: string }, _req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (res.headersSent) return void res.destroy();
    const text = status >= 500 ? 'the bridge could not answer this request' : err.expose && err.message ? err.message : 'bad request';
    res.status(status).type('text/plain').send(`${status} ${text}\n`);
  };
  app.use(plainError);
  return app;
}
