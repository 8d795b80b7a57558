// The HTTP lab's Python web server, traced, with curl and raw-socket clients written as a student
// would (test/python/http_raw.py): every route and every bad request gets its status.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpLab } from '../src/labs/http/http-lab.ts';
import { freePort, until } from '../src/labs/programs/waits.ts';
import { startChild } from './bridge-child.ts';
import { CollectingSink, labContext } from './harness.ts';

const raw = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', 'http_raw.py');
const run = (cmd: string, args: string[]) =>
  new Promise<string>((resolve, reject) => execFile(cmd, args, { timeout: 60_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))));

const sink = new CollectingSink();
let lab: HttpLab;
let base = '';
let port = 0;

beforeAll(async () => {
  lab = new HttpLab(labContext(sink, 65536, 'http').ctx);
  await lab.handle({ op: 'start', port: 0 });
  port = lab.state().server!.port;
  base = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(() => lab.close());

describe('HTTP lab: the raw-socket web server', () => {
  it('curl: GET / is the page, POST /echo answers the body, an unknown path is 404, GET /echo is 405', async () => {
    const page = await run('curl', ['-sS', '-i', `${base}/`]);
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(page).toContain('Content-Type: text/html; charset=utf-8\r\n');
    expect(page).toContain('<h1>Hello from http_server.py</h1>');
    expect(await run('curl', ['-sS', '-X', 'POST', '--data-binary', 'ping 123', `${base}/echo`])).toBe('ping 123');
    expect(await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${base}/nope`])).toBe('404');
    expect(await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${base}/echo`])).toBe('405');
  }, 90_000);

  it('curl keep-alive: two URLs, one connection, two requests served on it', async () => {
    const stderr = await new Promise<string>((resolve) => execFile('curl', ['-sS', '-v', '-o', '/dev/null', '-o', '/dev/null', `${base}/`, `${base}/`], (_e, _o, err) => resolve(err)));
    expect(stderr).toMatch(/Re-using existing connection|Reusing existing/);
  }, 90_000);

  it('a request sent one byte per send() is read in many recvs, and answered once whole', async () => {
    const [first, out] = (await run('python3', [raw, String(port), 'one-byte'])).split('\n') as [string, string];
    const client = Number(/^port (\d+)$/.exec(first)![1]);
    expect(out).toMatch(/^HTTP\/1\.1 200 OK\|/);
    const mine = () => sink.events.filter((e) => e.pid !== undefined && e.remote?.[1] === client);
    // The server's thread: recv after recv until it has the blank line (loopback delivers the
    // one-byte sends as they come, some joined when the reader is slower).
    await until(() => mine().some((e) => e.op === 'sendall' && Buffer.from(e.hex, 'hex').toString('latin1').startsWith('HTTP/1.1 200')), 30_000, 'no response event');
    const reads = mine().filter((e) => e.op === 'recv' && e.where?.code === 'data = conn.recv(BUF_SIZE)' && e.size > 0);
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.map((e) => Buffer.from(e.hex, 'hex').toString('latin1')).join('')).toBe('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  }, 90_000);

  it('two requests in one send: both answered, in order, on the one connection', async () => {
    const out = (await run('python3', [raw, String(port), 'two-in-one'])).split('\n')[1]!;
    expect(out).toBe(
      'HTTP/1.1 200 OK|Content-Type: application/octet-stream|Content-Length: 5||hello' +
        'HTTP/1.1 404 Not Found|Content-Type: text/plain; charset=utf-8|Content-Length: 20|Connection: close||nothing at /missing\n'.trimEnd(),
    );
  }, 90_000);

  it('a malformed request line is 400; a head over 16 KiB is 431; the server goes on serving', async () => {
    expect(await run('python3', [raw, String(port), 'bad-line'])).toMatch(/^HTTP\/1\.1 400 Bad Request\|.*\|\|malformed request line: 'HELLO'$/m);
    expect(await run('python3', [raw, String(port), 'huge-head'])).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\|/m);
    expect(await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `${base}/`])).toBe('200');
  }, 90_000);

  it("the lab's own client: http_client.py's request and the response it read, as events and output", async () => {
    const from = sink.events.length;
    await lab.handle({ op: 'request', method: 'POST', path: '/echo', body: 'hi there', oneByte: false });
    await until(() => sink.events.slice(from).some((e) => e.op === 'output' && e.output?.text === 'hi there'), 30_000, 'no echo printed');
    expect(sink.events.slice(from).some((e) => e.op === 'output' && e.output?.text === 'HTTP/1.1 200 OK')).toBe(true);
    await until(() => lab.state().clients === 0, 30_000, 'client still counted');
  }, 90_000);
});

describe('lab serve http', () => {
  it('serves curl headless and prints the server\u2019s calls as JSON Lines, each with its source line', async () => {
    const p = await freePort();
    const serve = startChild('pnpm', ['--silent', 'lab', 'serve', 'http', '--port', String(p)]);
    try {
      await serve.until(new RegExp(`http listening on 127\\.0\\.0\\.1:${p} \\(seed 002's http_server\\.py, traced; try: curl http://127\\.0\\.0\\.1:${p}/\\)`));
      expect(await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', `http://127.0.0.1:${p}/`])).toBe('200');
      await serve.until(/"op":"sendall".*"code":"conn\.sendall\(head\.encode\('ascii'\) \+ b'\\\\r\\\\n' \+ body\)"/);
    } finally {
      serve.proc.kill('SIGTERM');
      await serve.exited;
    }
    const events = serve.out().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { lab: string; op: string });
    expect(events.every((e) => e.lab === 'http')).toBe(true);
    expect(events.some((e) => e.op === 'accept')).toBe(true);
  }, 120_000);
});
