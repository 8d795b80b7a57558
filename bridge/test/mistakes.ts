// Seed 004's typical mistakes, each made to the correct pair (test/python/submissions/correct/) the
// way a student makes it: a line or two of their own code changed. A submission folder per mistake
// is written at test time, so the correct code and each mistake stay one source.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_NAMES } from '../src/labs/length-prefix/grader.ts';

export const CORRECT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'python', 'submissions', 'correct');

export interface Mistake {
  name: string;
  file: 'buffered_server.py' | 'buffered_client.py';
  edits: Array<[from: string, to: string]>;
  /** The tests it must fail (every other test passes), each with the words that name the mistake. */
  fails: Record<string, RegExp>;
}

/** The grader's server tests, by name (client tests are named `client: …`). */
export const SERVER_TESTS = TEST_NAMES;
const MULTIBYTE = 'multibyte UTF-8 message (extra: bytes vs characters)';
const every = (names: readonly string[], why: RegExp): Record<string, RegExp> => Object.fromEntries(names.map((n) => [n, why]));

const SEND_REPLY = "                    conn.sendall(struct.pack('!I', len(reply)) + reply)\n";

export const MISTAKES: Mistake[] = [
  {
    name: 'two-byte header',
    file: 'buffered_server.py',
    edits: [
      ['self.recv_all(conn, 4)', 'self.recv_all(conn, 2)'],
      ["struct.unpack('!I', header)", "struct.unpack('!H', header)"],
      ["struct.pack('!I', len(reply))", "struct.pack('!H', len(reply))"],
    ],
    // Below 65,536 bytes a '!H' server answers as a correct one does: only the long message shows it.
    fails: { 'long message': /a frame with a 2-byte header 00 0c got a reply, so your server's length header is 2 bytes \('!H'\)/ },
  },
  {
    name: 'header counts characters',
    file: 'buffered_server.py',
    edits: [
      ["reply = payload.decode('utf-8')[10:].encode('utf-8')", "reply = payload.decode('utf-8')[10:]"],
      ["struct.pack('!I', len(reply)) + reply)", "struct.pack('!I', len(reply)) + reply.encode('utf-8'))"],
    ],
    fails: { [MULTIBYTE]: /length header counts characters \(23\), not bytes \(35\)/ },
  },
  { name: 'slices bytes, not characters', file: 'buffered_server.py', edits: [["reply = payload.decode('utf-8')[10:].encode('utf-8')", 'reply = payload[10:]']], fails: { [MULTIBYTE]: /reply removed the first 10 bytes, not the first 10 characters/ } },
  {
    name: 'a single recv',
    file: 'buffered_server.py',
    edits: [["            chunk = conn.recv(min(self.buffer_size, n - len(data)))", '            chunk = conn.recv(self.buffer_size)\n            return chunk or None']],
    fails: every(SERVER_TESTS, /Your server raised struct\.error: unpack requires a buffer of 4 bytes at buffered_server\.py:\d+/),
  },
  {
    name: 'reads past the frame',
    file: 'buffered_server.py',
    edits: [
      ['conn.recv(min(self.buffer_size, n - len(data)))', 'conn.recv(self.buffer_size)'],
      ['        return data\n', '        return data[:n]\n'],
    ],
    // Where the frames came together the surplus is the next frame's header, read as text.
    fails: every(SERVER_TESTS, /your server's recv read [\d,]+ bytes where the frame needed [\d,]+ more of the (4-byte header|message) \(buffered_server\.py:\d+ `chunk = conn\.recv\(self\.buffer_size\)`\)|Your server raised UnicodeDecodeError/),
  },
  { name: 'one message per connection', file: 'buffered_server.py', edits: [[SEND_REPLY, `${SEND_REPLY}                    break\n`]],
    fails: every(['three messages in series', 'three messages in parallel', 'three messages split inside their headers'], /^[^(]*(closed|reset) the connection after 1 message\b/),
  },
  { name: 'exits after its first client', file: 'buffered_server.py', edits: [[SEND_REPLY, `${SEND_REPLY}            self.server_socket.close()\n            return\n`]],
    // Whether the new client meets the closing listener (a reset) or none (refused) is timing; the reason is the same.
    fails: { 'client disconnects, new client connects': /: the server stopped after its first client \(a server must go back to accept\(\) after each client, until keep_running is False\)$/ },
  },
  {
    name: 'client header counts characters',
    file: 'buffered_client.py',
    edits: [["        data = message.encode('utf-8')\n        self.sock.sendall(struct.pack('!I', len(data)) + data)", "        self.sock.sendall(struct.pack('!I', len(message)) + message.encode('utf-8'))"]],
    fails: { [`client: ${MULTIBYTE}`]: /the header your client sent was 00 00 00 21 \(33: len\(message\), the characters\)/ },
  },
  { name: 'client ignores ok', file: 'buffered_client.py', edits: [["return '', False", "return '', True"]],
    fails: { 'client: server disconnects (receive_message returns ok = False)': /returned ok = True after the server went away/ },
  },
];

/** A submission folder: the correct pair with `m`'s edits made (each must match). */
export function submissionWith(m: Mistake | null, root = mkdtempSync(path.join(tmpdir(), 'submissions-'))): string {
  const dir = path.join(root, m ? m.name.replace(/\W+/g, '-') : 'correct');
  cpSync(CORRECT, dir, { recursive: true });
  if (!m) return dir;
  let text = readFileSync(path.join(dir, m.file), 'utf8');
  for (const [from, to] of m.edits) {
    if (!text.includes(from)) throw new Error(`${m.name}: ${JSON.stringify(from)} is not in ${m.file}`);
    text = text.split(from).join(to);
  }
  writeFileSync(path.join(dir, m.file), text);
  return dir;
}
