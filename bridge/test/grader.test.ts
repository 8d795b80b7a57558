// The grader against student-style Python servers, right and wrong, and against the lab's own server.
import net from 'node:net';
import type { GradeReport } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { grade, TEST_NAMES } from '../src/labs/length-prefix/grader.ts';
import { LengthPrefixLab } from '../src/labs/length-prefix/lab.ts';
import { CollectingSink, labContext } from './harness.ts';
import { pythonServer, type ServerBug } from './python-peer.ts';

const BUF = 256;
const byName = (r: GradeReport) => Object.fromEntries(r.tests.map((t) => [t.name, t]));

async function gradePython(bug: ServerBug): Promise<GradeReport> {
  const server = await pythonServer(BUF, bug);
  try {
    return await grade({ host: '127.0.0.1', port: server.port, bufsize: BUF, maxFrame: 1024 * 1024 });
  } finally {
    server.stop();
  }
}

describe('grader', () => {
  it('passes a correct Python buffered_server.py on every test it can run', async () => {
    const r = await gradePython('none');
    expect(r.tests.map((t) => [t.name, t.ok])).toEqual([
      ['short message', true],
      ['medium message', true],
      ['long message', true],
      ['three messages in series', true],
      ['three messages in parallel', true],
      ['three messages split inside their headers', true],
      ['multibyte UTF-8 message (extra: bytes vs characters)', true],
      ['client disconnects, new client connects', true],
      ['server shuts down', null],
    ]);
    expect(r).toMatchObject({ passed: 8, failed: 0, skipped: 1 });
    const medium = byName(r)['medium message']!;
    const extra = Math.max(10, Math.round(BUF * 0.216)); // 1,245 at the assignment's 1,024: slightly longer than the buffer
    expect(medium.sent[0]!.slice(0, 8)).toBe((BUF + extra).toString(16).padStart(8, '0'));
    expect(medium.received.join('').slice(0, 8)).toBe((BUF + extra - 10).toString(16).padStart(8, '0'));
    // The assignment's long message: over 650,000 characters, more than a 2-byte header can state.
    expect(byName(r)['long message']!.sent[0]!.slice(0, 8)).toBe('000a2020');
  }, 120_000);

  it('fails a little-endian header with the bytes it saw', async () => {
    const r = await gradePython('little-endian');
    expect(r.failed).toBe(8);
    expect(byName(r)['short message']!.detail).toBe('length header looks little-endian: expected 00 00 00 16, got 16 00 00 00');
  }, 120_000);

  it('fails removing bytes instead of characters, on the multibyte test only', async () => {
    const r = await gradePython('bytes-not-chars');
    const failed = r.tests.filter((t) => t.ok === false);
    expect(failed.map((t) => t.name)).toEqual(['multibyte UTF-8 message (extra: bytes vs characters)']);
    expect(failed[0]!.detail).toMatch(/^reply removed the first 10 bytes, not the first 10 characters: expected \[\d+\] "/);
  }, 120_000);

  it('fails a header that counts characters', async () => {
    const r = await gradePython('chars-header');
    expect(byName(r)['multibyte UTF-8 message (extra: bytes vs characters)']!.detail).toBe('length header counts characters (23), not bytes (35)');
  }, 120_000);

  it('fails a server that closes after one message, naming which message', async () => {
    const r = await gradePython('one-message');
    // Once the server has closed, the client's next call may meet its FIN or, if the second frame
    // arrived first, an RST: which one depends on timing, and each is reported as what it is.
    expect(byName(r)['three messages in series']!.detail).toMatch(
      /^second message: (server (closed|reset) the connection after 1 message|send_message failed after 1 message: (BrokenPipeError|ConnectionResetError): )/,
    );
    expect(byName(r)['three messages in parallel']!.detail).toMatch(
      /^(reply to the second message: server (closed|reset) the connection after 1 message|sending the (second|third) message: (ConnectionResetError|BrokenPipeError): )/,
    );
    expect(byName(r)['short message']!.ok).toBe(true);
  }, 120_000);

  it('fails an echo that removes nothing', async () => {
    const r = await gradePython('no-truncate');
    expect(byName(r)['short message']!.detail).toBe('reply is the whole message: the first 10 characters were not removed');
  }, 120_000);

  it('names a server that reads and writes its header little-endian, from a probe (not a bare timeout)', async () => {
    const r = await gradePython('little-endian-both');
    const short = byName(r)['short message']!;
    expect(short.ok).toBe(false);
    expect(short.detail).toMatch(/^no reply within 2\.\d+ s.*\. Probe: a frame whose header is 0c 00 00 00 .* got a reply, so your server reads the length header little-endian/);
  }, 120_000);

  it("names a 2-byte ('!H') header: the 663,584-character message it cannot state, then a probe", async () => {
    const r = await gradePython('short-header');
    // Below 65,536 bytes two '!H' replies read as one '!I' header: those tests pass, as they would.
    expect(byName(r)['short message']!.ok).toBe(true);
    const long = byName(r)['long message']!;
    expect(long.ok).toBe(false);
    expect(long.detail).toMatch(/Probe: a frame with a 2-byte header 00 0c got a reply, so your server's length header is 2 bytes \('!H'\)/);
  }, 120_000);

  it('fails a single recv per message on the medium message already, and a server that reads past a frame on the parallel test, every time', async () => {
    const single = await gradePython('single-recv');
    expect(byName(single)['short message']!.ok).toBe(true);
    expect(byName(single)['medium message']!.ok).toBe(false);
    const over = await gradePython('over-read');
    expect(byName(over)['three messages in series']!.ok).toBe(true);
    expect(byName(over)['three messages in parallel']!.detail).toMatch(/^reply to the second message: .*\(the three frames came in one sendall: a server whose recv reads past the first frame's end loses the next frame's header\)/);
    expect(byName(over)['three messages split inside their headers']!.ok).toBe(false);
  }, 120_000);

  it('says a server that exits after its first client has stopped, not "start the server first"', async () => {
    const r = await gradePython('first-client-only');
    expect(byName(r)['short message']!.ok).toBe(true);
    // Whether its next client meets the closing listener (a reset) or no listener (refused) is timing;
    // the verdict and its reason are the same either way.
    for (const name of ['medium message', 'long message', 'three messages in series']) {
      expect(byName(r)[name]!.ok).toBe(false);
      expect(byName(r)[name]!.detail).toMatch(/the server stopped after an earlier test \(a server must go back to accept\(\) after each client, until keep_running is False\)$/);
    }
  }, 120_000);

  it("passes every test, the shutdown included, against the lab's own server", async () => {
    const sink = new CollectingSink();
    const { ctx } = labContext(sink, undefined, 'length-prefix');
    const seen: string[] = [];
    const lab = new LengthPrefixLab(
      {
        ...ctx,
        publish: () => {
          const g = lab.state().grade;
          const now = g.progress && `${g.progress.index + 1}/${g.progress.total} ${g.progress.current}: ${g.report?.tests.length} done`;
          // The server's own changes publish too: each progress state is kept once.
          if (now && seen.at(-1) !== now) seen.push(now);
        },
      },
      { bufsize: BUF },
    );
    await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0 });
    try {
      await lab.handle({ op: 'grade', target: null });
      // The page saw each test start, with the tests before it done.
      expect(seen).toEqual(TEST_NAMES.map((name, i) => `${i + 1}/9 ${name}: ${i} done`));
      expect(lab.state().grade.progress).toBeNull();
      const report = lab.state().grade.report!;
      expect(report.tests.filter((t) => t.ok !== true)).toEqual([]);
      expect(report).toMatchObject({ passed: 9, failed: 0, skipped: 0 });
      // The grader's clients are recorded like any other: their frames are in the event stream.
      expect(sink.events.some((e) => e.role === 'client' && e.op === 'send_message')).toBe(true);
      // The shutdown test stopped the server; grading started it again on the same port, and it serves.
      const port = lab.state().server!.local[1];
      expect(sink.events.filter((e) => e.op === 'listen' && e.local?.[1] === port)).toHaveLength(2);
      await lab.handle({ op: 'connect', host: '127.0.0.1', port });
      const socket = lab.state().clients[0]!.socket;
      await lab.handle({ op: 'send-message', socket, text: 'Four score and seven years ago' });
      await lab.handle({ op: 'receive-message', socket });
      expect(sink.events.filter((e) => e.op === 'receive_message' && e.socket === socket).at(-1)?.frame).toMatchObject({ ok: true, payload: { text: ' and seven years ago' } });
    } finally {
      lab.close();
    }
  }, 120_000);

  it('says clearly when nothing listens at the target', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = await grade({ host: '127.0.0.1', port, bufsize: BUF, maxFrame: 1024 * 1024 });
    expect(r.failed).toBe(9 - r.skipped);
    expect(r.tests[0]!.detail).toBe(
      `cannot connect to 127.0.0.1:${port}: ConnectionRefusedError: [Errno 111] Connection refused — Nothing is listening on that port: start the server first, or check the port.`,
    );
  });
});

describe('grading the lab server while it serves someone else', () => {
  it('refuses, saying who holds the server', async () => {
    const sink = new CollectingSink();
    const lab = new LengthPrefixLab(labContext(sink, undefined, 'length-prefix').ctx, { bufsize: BUF });
    await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0 });
    try {
      await lab.handle({ op: 'connect', host: '127.0.0.1', port: lab.address![1] });
      await sink.until((ev) => ev.some((e) => e.op === 'accept'));
      const local = lab.state().clients[0]!.local;
      await expect(lab.handle({ op: 'grade', target: null })).rejects.toThrow(
        `the server is serving 127.0.0.1:${local[1]} and serves one client at a time: shut that client down first`,
      );
    } finally {
      lab.close();
    }
  });
});
