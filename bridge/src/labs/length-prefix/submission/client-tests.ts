// The student's buffered_client.py, graded as the autograder grades it: each test a fresh client
// (BufferedTCPClient(host, port, buffer_size)) against the lab's own length-prefix server, its
// send_message / receive_message / shutdown called one by one, and what each returned judged.
import { createHash } from 'node:crypto';
import { dropFirstChars } from '@socket-lab/framing';
import { idCounter, type LabContext } from '../../lab.ts';
import { LengthPrefixLab } from '../lab.ts';
import { LONG_CHARS, messageOf, MULTIBYTE, SERIES_CHARS } from '../grader.ts';
import { StudentProcess, type SubmissionOptions, type SubmissionTest } from './submission.ts';
import { firstSend, lastCallBeforeTraceback, studentTrace } from './explain.ts';

const CLIENT_FILE = 'buffered_client.py';

type Answer = { connected?: true; returned?: null; head?: string; length?: number; sha256?: string; ok?: boolean; raised?: string; oserror?: boolean };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** One client process and the calls made on it. */
class Driven {
  private n = 0;
  constructor(private readonly p: StudentProcess) {}

  /** One call; its answer, or null if the client took longer than `ms` or its process ended. */
  async call(op: 'send' | 'receive' | 'shutdown', text?: string, ms = 10_000): Promise<Answer | null> {
    this.p.write(JSON.stringify({ op, ...(text === undefined ? {} : { text }) }) + '\n');
    return this.answer(ms);
  }

  /** The next answer (one JSON line per call, in order), or null after `ms` or once the process ended. */
  async answer(ms = 10_000): Promise<Answer | null> {
    const line = await this.p.jsonLine(this.n++, ms);
    return line === null ? null : (JSON.parse(line) as Answer);
  }
}

const expectReply = (sent: string, a: Answer | null, what: string): string | null => {
  if (!a) return `${what}: receive_message() did not return within 10 s`;
  if (a.raised) return `${what}: receive_message() raised ${a.raised}`;
  const want = dropFirstChars(sent);
  if (a.ok !== true) return `${what}: receive_message() returned ok = ${a.ok}`;
  if (a.sha256 !== sha256(want)) return `${what}: receive_message() returned ${JSON.stringify(a.head)}${(a.length ?? 0) > 40 ? '…' : ''} (${a.length} characters), expected ${JSON.stringify(want.slice(0, 40))}${want.length > 40 ? '…' : ''} (${want.length})`;
  return null;
};

/**
 * Why the lab's server did not get the frame `text` should make, from the first bytes it read
 * (the student's header), or null when the header is right.
 */
export function headerWhy(first: Buffer, text: string): string | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  const chars = [...text].length; // Python's len(): code points
  if (first.length < 4) return first.length >= 2 && first.readUInt16BE(0) === bytes ? `your client's header is 2 bytes ('!H'), the assignment's is 4 ('!I')` : null;
  const be = first.readUInt32BE(0);
  if (be === bytes) return null;
  const said = `the header your client sent was ${[...first.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  if (be === chars) return `${said} (${chars}: len(message), the characters), but the message is ${bytes} bytes in UTF-8: the header must count the encoded bytes, len(message.encode('utf-8'))`;
  if (first.readUInt32LE(0) === bytes) return `${said}: ${bytes} little-endian; the assignment's header is big-endian, '!I'`;
  if (first.readUInt16BE(0) === bytes) return `${said}: its first 2 bytes are ${bytes}, so your client's header is 2 bytes ('!H'), the assignment's is 4 ('!I')`;
  return `${said} (${be.toLocaleString('en')}), but the message is ${bytes.toLocaleString('en')} bytes`;
}

export async function gradeClient(dir: string, o: SubmissionOptions): Promise<SubmissionTest[]> {
  // The lab's server's reads, kept to name a wrong header (the server is a fresh lab per test).
  let serverRead: Buffer[] = [];
  const ctx: LabContext = {
    record: (call) => {
      if (call.role === 'peer' && call.op === 'recv' && call.data && serverRead.length < 4) serverRead.push(Buffer.from(call.data));
      return null;
    },
    flow: { congested: false, whenReady: (cb) => cb() },
    publish: () => {},
    nextId: idCounter(),
  };
  const short = messageOf('short', 32);
  const medium = messageOf('medium', o.bufsize + Math.max(10, Math.round(o.bufsize * 0.216)));
  const three = [1, 2, 3].map((i) => messageOf(`message ${i}`, SERIES_CHARS));
  const plain = async (c: Driven, texts: string[], parallel: boolean): Promise<string | null> => {
    if (parallel) {
      for (const t of texts) if ((await c.call('send', t))?.returned !== null) return 'send_message() failed';
      for (const [i, t] of texts.entries()) {
        const why = expectReply(t, await c.call('receive'), `reply ${i + 1}`);
        if (why) return why;
      }
      return null;
    }
    for (const [i, t] of texts.entries()) {
      const sent = await c.call('send', t);
      if (sent?.returned !== null) return `message ${i + 1}: send_message() ${sent?.raised ? `raised ${sent.raised}` : 'did not return'}`;
      const why = expectReply(t, await c.call('receive'), `message ${i + 1}`);
      if (why) return why;
    }
    return null;
  };
  const cases: Array<{ name: string; run(c: Driven, stopServer: () => void): Promise<string | null> }> = [
    { name: 'client: short message', run: (c) => plain(c, [short], false) },
    { name: 'client: medium message', run: (c) => plain(c, [medium], false) },
    { name: 'client: long message', run: (c) => plain(c, [messageOf('long', LONG_CHARS)], false) },
    { name: 'client: three messages in series', run: (c) => plain(c, three, false) },
    { name: 'client: three messages in parallel (send 3, then receive 3)', run: (c) => plain(c, three, true) },
    {
      name: 'client: multibyte UTF-8 message (extra: bytes vs characters)',
      run: async (c) => {
        const why = await plain(c, [MULTIBYTE], false);
        const header = why && headerWhy(Buffer.concat(serverRead), MULTIBYTE);
        return why && header ? `${why}: ${header}` : why;
      },
    },
    {
      name: 'client: server disconnects (receive_message returns ok = False)',
      run: async (c, stopServer) => {
        const before = await plain(c, [short], false);
        if (before) return `before the server went away: ${before}`;
        stopServer();
        await c.call('send', messageOf('after stop', 20));
        const a = await c.call('receive');
        if (!a) return 'receive_message() did not return within 10 s after the server went away';
        if (a.raised) return `receive_message() raised ${a.raised} instead of returning ('', False)`;
        return a.ok === false ? (a.length === 0 ? null : `ok = False, but the payload is ${JSON.stringify(a.head)}, not ''`) : 'receive_message() returned ok = True after the server went away';
      },
    },
    {
      name: 'client: after shutdown(), send_message raises OSError',
      run: async (c) => {
        if ((await c.call('shutdown'))?.returned !== null) return 'shutdown() did not return';
        const a = await c.call('send', short);
        return a?.oserror ? null : a?.raised ? `send_message raised ${a.raised}, not an OSError` : 'send_message() returned normally on a shut-down client';
      },
    },
  ];
  const out: SubmissionTest[] = [];
  for (const t of cases) {
    serverRead = [];
    const lab = new LengthPrefixLab(ctx, { bufsize: o.bufsize });
    let p: StudentProcess | null = null;
    try {
      await lab.handle({ op: 'start-server', host: '127.0.0.1', port: 0, maxFrame: o.maxFrame });
      const port = lab.address![1];
      p = await StudentProcess.start('client_submission.py', [dir, String(port), String(o.bufsize)], o.python ?? 'python3');
      const c = new Driven(p);
      const hello = await c.answer(15_000);
      if (!hello?.connected) {
        out.push({ name: t.name, part: 'client', ok: false, detail: `BufferedTCPClient('127.0.0.1', ${port}, ${o.bufsize}) ${hello?.raised ? `raised ${hello.raised}` : `failed: ${p.why}`}`, trace: studentTrace(p.events, CLIENT_FILE, lastCallBeforeTraceback(p.events, CLIENT_FILE)) });
        continue;
      }
      const why = await t.run(c, () => lab.close());
      if (why === null) out.push({ name: t.name, part: 'client', ok: true, detail: 'passed' });
      // A wrong header was made by the first send; anything else shows best at the client's last call.
      else out.push({ name: t.name, part: 'client', ok: false, detail: why, trace: studentTrace(p.events, CLIENT_FILE, (/the header your client sent/.test(why) ? firstSend : lastCallBeforeTraceback)(p.events, CLIENT_FILE)) });
    } finally {
      p?.stop();
      lab.close();
    }
  }
  return out;
}
