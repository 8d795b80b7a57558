// The deck's Chat exercise, run by the lab's real chat server (bridge/src/labs/chat/programs/
// chat_server.py, whose lines the code here quotes) and two chat panels.
import type { DeckApi } from './deck-api.ts';
import type { Exercise } from './exercises.ts';

/** The chat server on a free port, two panels, alice logged in; bob's name then goes in two sends. */
async function twoSends(api: DeckApi): Promise<void> {
  await api.stepMode('run');
  // A fresh start: a server from an earlier run, and its panels, go first.
  await api.command('chat', { op: 'stop' });
  await api.command('chat', { op: 'start', port: 0 });
  await api.command('chat', { op: 'join' });
  await api.command('chat', { op: 'join' });
  const [alice, bob] = await api.until('chat', (s) => (s.panels.length === 2 ? s.panels.map((p) => p.panel) : null));
  await api.command('chat', { op: 'say', panel: alice!, text: 'alice', newline: true });
  await api.until('chat', (s) => s.panels.find((p) => p.panel === alice)?.name ?? null);
  const from = api.eventCount('chat');
  await api.command('chat', { op: 'say', panel: bob!, text: 'bo', newline: false });
  // Only once the server's thread has read "bo" on its own does the rest go.
  await api.untilEvent('chat', from, (e) => e.op === 'recv' && e.pid !== undefined && e.hex === '626f');
  await api.command('chat', { op: 'say', panel: bob!, text: 'b', newline: true });
  await api.until('chat', (s) => s.panels.find((p) => p.panel === bob)?.name ?? null);
}

export const CHAT_EXERCISES: Exercise[] = [
  {
    id: 'chat-framing',
    title: 'One name in two sends: how many recv calls, how many usernames?',
    lab: 'chat',
    source: "The Chat lab's chat_server.py (seed 003's project, checkpoint 3: a thread per client)",
    code: `# chat_server.py, in each client's thread
buffer = b''
while data := conn.recv(BUF_SIZE):
    buffer += data
    while b'\\n' in buffer:
        line, buffer = buffer.split(b'\\n', 1)
        text = line.decode('utf-8')
        ...                  # the first line is the username

# bob's client
sock.sendall(b'bo')
sock.sendall(b'b\\n')`,
    instruction: "Bob's client sends its name in two sendall calls, the second only after the server has read the first.",
    question: {
      prompt: "What does the server's thread for bob make of it?",
      options: ["Two recv calls and two usernames, 'bo' and 'b'", "Two recv calls, one line: the username 'bob'", 'One recv call: TCP joins the two sends'],
      answer: 1,
      why: "TCP is a byte stream: recv returns what has arrived, b'bo', then b'b\\n'. The line buffer keeps b'bo' until a newline comes, so one line, 'bob', is assembled from two recvs (seed 003: \"He\" + \"llo\\n\").",
    },
    run: {
      instruction: "Set it up: the real server and two chat panels. Bob's thread lane shows recv → b'bo', then recv → b'b\\n', and one welcome. Then chat: @alice hi, /users, /bye.",
      setUp: twoSends,
    },
  },
];
