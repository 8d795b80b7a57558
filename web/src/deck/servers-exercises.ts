// The deck's Server styles exercises, run by the lab's real Python servers and clients
// (bridge/src/labs/servers/programs/, whose lines the code here quotes).
import type { ServerStyle } from '@socket-lab/protocol';
import type { DeckApi } from './deck-api.ts';
import type { Exercise } from './exercises.ts';

/** Run mode, then one style's server and its three clients, until all three have their reply. */
async function runStyle(api: DeckApi, style: ServerStyle): Promise<void> {
  await api.stepMode('run');
  await api.command('servers', { op: 'run', style, sigIgn: false });
  const done = await api.until<'servers', string>('servers', (s) => (s.current?.style === style && s.current.status !== 'running' ? s.current.status : null));
  if (done !== 'done') throw new Error(`the ${style} server's run could not finish: see the console`);
}

export const SERVERS_EXERCISES: Exercise[] = [
  {
    id: 'iterative',
    title: 'The iterative server is serving client A: does B\u2019s connect() succeed?',
    lab: 'servers',
    source: "The Server styles lab's iterative_server.py and styles_client.py (seed 001's iterating server)",
    code: `# iterative_server.py
sock.listen(5)
while True:
    conn, addr = sock.accept()
    with conn:
        while data := conn.recv(BUF_SIZE):
            time.sleep(1)          # a second of work
            conn.sendall(data.upper())

# styles_client.py, run three times at once: A, B, C
sock.connect((HOST, PORT))
sock.sendall(b'hello from ' + NAME.encode())
reply = sock.recv(BUF_SIZE)`,
    instruction: 'Three clients start at the same moment. The server serves one connection at a time.',
    question: {
      prompt: "While A is being served, what happens to B's connect() and sendall()?",
      options: ['connect() waits until the server calls accept() again', 'Both return at once; only its recv() waits, until A has left', 'connect() raises ConnectionRefusedError'],
      answer: 1,
      why: "The kernel completes B's handshake on its own and queues it (listen(5)); B's bytes wait in the server's receive queue. Only B's recv waits: the server reads them after A leaves. One second of work per client ahead of it: about 1 s, 2 s, 3 s.",
    },
    run: {
      instruction: "Set it up: the real programs run. Every connect comes before the second accept; the panel beside shows each client's wait as it timed it. Then try Forking and Compare all four in the controls.",
      setUp: (api) => runStyle(api, 'iterative'),
    },
  },
  {
    id: 'forking',
    title: 'A forking server that never calls wait(): what is left of its children?',
    lab: 'servers',
    source: "The Server styles lab's forking_server.py (seed 001's forking server)",
    code: `# forking_server.py
while True:
    conn, addr = sock.accept()
    pid = os.fork()
    if pid == 0:                 # the child serves
        sock.close()
        while data := conn.recv(BUF_SIZE):
            conn.sendall(data.upper())
        os._exit(0)
    conn.close()                 # the parent accepts again`,
    instruction: 'Three clients are served, each by its own child; each child exits when its client leaves. The parent never calls wait().',
    question: {
      prompt: 'After the three children have exited, what does the process table show?',
      options: ['Nothing: they exited', 'Three zombies (state Z, <defunct>) until the parent ends or waits', 'Three sleeping processes'],
      answer: 1,
      why: "A child's exit status waits in the process table for its parent's wait(): until then it is a zombie (Z). signal(SIGCHLD, SIG_IGN) tells the kernel the parent will never ask, and it reaps them at once.",
    },
    run: {
      instruction: 'Set it up: the real programs run, a lane per process. The panel lists the children as /proc shows them: Z. Then tick "forking with SIG_IGN" in the controls and run Forking again.',
      setUp: (api) => runStyle(api, 'forking'),
    },
  },
];
