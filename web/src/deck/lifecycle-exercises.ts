// The deck's Lifecycle exercises: one per moment of a TCP connection's life the course stops at,
// each run by the Lifecycle lab's real Python programs (bridge/src/labs/lifecycle/programs/, whose
// lines the code here quotes). Answers were checked against the runs (e2e/specs/demos/).
import type { Moment } from '@socket-lab/protocol';
import type { DeckApi } from './deck-api.ts';
import type { Exercise } from './exercises.ts';

/** Run mode, and one Lifecycle moment run to its end by the lab's real Python programs. */
async function runMoment(api: DeckApi, moment: Moment): Promise<void> {
  await api.stepMode('run');
  await api.command('lifecycle', { op: 'run', moment });
  const done = await api.until<'lifecycle', string>('lifecycle', (s) => (s.current?.moment === moment && s.current.status !== 'running' ? s.current.status : null));
  if (done !== 'done') throw new Error(`the ${moment} moment could not run: see the console`);
}

const SOURCE = (programs: string) => `The Lifecycle lab's ${programs} (seed 000's style), run traced`;

export const LIFECYCLE_EXERCISES: Exercise[] = [
  {
    id: 'handshake',
    title: 'The server never calls accept(): does connect() return?',
    lab: 'lifecycle',
    source: SOURCE('backlog_server.py 1 and backlog_client.py'),
    code: `# backlog_server.py
sock.bind((HOST, PORT))
sock.listen(1)
input()                 # not accepting yet
sc, addr = sock.accept()

# backlog_client.py
sock.connect((HOST, PORT))
print(NAME, 'connected from', sock.getsockname())`,
    instruction: 'The server has called listen(1), but not accept(). One client connects.',
    question: {
      prompt: "Does the client's connect() return before the server calls accept()?",
      options: ['No: connect() waits until accept()', 'Yes: the kernel completes the handshake on its own', 'It raises ConnectionRefusedError'],
      answer: 1,
      why: "A listening socket's kernel answers the SYN itself (SYN-ACK, then the client's ACK) and puts the finished connection in the accept queue: connect() returns, the client is ESTABLISHED. accept() only takes a connection that already exists.",
    },
    run: {
      instruction: "Set it up: the real programs run. The client's connect comes before the server's accept, and the server's lane head shows 1 connection waiting for accept() until then.",
      setUp: (api) => runMoment(api, 'handshake'),
    },
  },
  {
    id: 'backlog',
    title: 'listen(1) and no accept(): how many connect() calls return?',
    lab: 'lifecycle',
    source: SOURCE('backlog_server.py and backlog_client.py'),
    code: `# backlog_server.py
sock.bind((HOST, PORT))
sock.listen(1)          # a backlog of 1
input()                 # not accepting yet
for i in range(3):
    sc, addr = sock.accept()

# backlog_client.py, run three times: A, B, C
sock.connect((HOST, PORT))
print(NAME, 'connected from', sock.getsockname())`,
    instruction: 'The server has called listen(1) but not accept(). Three clients connect, one after another.',
    question: {
      prompt: 'Whose connect() returns before the server calls accept()?',
      options: ['None: connect() waits for accept()', 'A only: the backlog is 1', 'A and B; C waits', 'All three'],
      answer: 2,
      why: "The kernel finishes the handshake itself and queues the connection for accept(). Linux queues backlog + 1 = 2, so A and B are in; C's SYN is dropped, its connect() waits in SYN_SENT and the kernel resends the SYN a second later, after accept() made room.",
    },
    run: {
      instruction: "Set it up: the real programs run. A's and B's connect come before any accept; C's after, and its lane head shows SYN_SENT while it waits.",
      setUp: (api) => runMoment(api, 'backlog'),
    },
  },
  {
    id: 'half-close',
    title: 'shutdown(SHUT_WR): can the client still receive?',
    lab: 'lifecycle',
    source: SOURCE('half_close_client.py and half_close_server.py'),
    code: `# half_close_client.py
sock.sendall(b'Hello')
sock.shutdown(SHUT_WR)
while reply := sock.recv(BUF_SIZE):
    print('Reply:', reply)

# half_close_server.py
while data := sc.recv(BUF_SIZE):
    received += data
sc.sendall(b'got %d bytes' % len(received))`,
    instruction: 'The client sends 5 bytes, then shuts down its sending side only. The server reads until b\u2019\u2019, then answers.',
    question: {
      prompt: "After shutdown(SHUT_WR), what does the client's recv get?",
      options: ["b'' at once: the socket is closed", "b'got 5 bytes': only its sending side is shut", 'It raises OSError: the socket is shut down'],
      answer: 1,
      why: "shutdown(SHUT_WR) sends a FIN and nothing else: the server's recv returns b'' (its end goes to CLOSE_WAIT), yet the connection still carries bytes the other way. The client (FIN_WAIT2) receives the reply, then b'' when the server closes.",
    },
    run: {
      instruction: "Set it up: the real programs run. Read the states on the cards: FIN_WAIT2 after the client's shutdown, CLOSE_WAIT on the server's b''; then the reply.",
      setUp: (api) => runMoment(api, 'half-close'),
    },
  },
  {
    id: 'close-wait',
    title: 'The server forgets close(): what does the kernel do?',
    lab: 'lifecycle',
    source: SOURCE('forgetful_server.py and bye_client.py'),
    code: `# forgetful_server.py
sc, _ = sock.accept()
while data := sc.recv(BUF_SIZE):
    print('Received:', data)
print('The client closed. This server never calls sc.close().')
sleep(600)`,
    instruction: "The client sends a line and closes. The server reads until b'' and then never calls sc.close().",
    question: {
      prompt: "What state does the kernel keep the server's connection in?",
      options: ['CLOSED: the client closed it', 'TIME_WAIT, for a minute', 'CLOSE_WAIT, until the program closes it or ends'],
      answer: 2,
      why: "The client's FIN was received and acknowledged, so the server's end waits in CLOSE_WAIT for its own close(). The kernel has no timer for it: a server that forgets close() keeps one such socket per client until it runs out of file descriptors.",
    },
    run: {
      instruction: "Set it up: the real programs run. The server's lane head shows CLOSE_WAIT and counts the seconds; press Stop in the Lifecycle tab to end it.",
      setUp: (api) => runMoment(api, 'close-wait'),
    },
  },
  {
    id: 'reset',
    title: 'Closing with bytes unread: FIN or RST?',
    lab: 'lifecycle',
    source: SOURCE('close_server.py and hello_client.py'),
    code: `# close_server.py 5
sc, _ = sock.accept()
data = sc.recv(5)          # b'Hello': 6 bytes stay unread
sc.close()

# hello_client.py
sock.sendall(b'Hello World')
while reply := sock.recv(BUF_SIZE):
    print('Reply:', reply)`,
    instruction: 'The client sends 11 bytes. The server reads 5 of them and closes its socket. The client then calls recv.',
    question: {
      prompt: "What does the client's recv do?",
      options: ["Returns b'': the server closed", "Returns b' World': the rest of its own bytes", 'Raises ConnectionResetError'],
      answer: 2,
      why: "Closing a socket with unread bytes makes the kernel send RST instead of FIN (RFC 2525): the client's recv raises ConnectionResetError: [Errno 104] Connection reset by peer. Had the server read everything, recv would return b''.",
    },
    run: {
      instruction: 'Set it up: the real programs run. Read the server lane (5 bytes read, 6 unread) and the client lane (the exception). Then try FIN in the Lifecycle tab.',
      setUp: (api) => runMoment(api, 'reset'),
    },
  },
  {
    id: 'refused',
    title: 'connect() to a port where nothing listens',
    lab: 'lifecycle',
    source: SOURCE('refused_client.py'),
    code: `# refused_client.py
try:
    sock.connect((HOST, PORT))
except ConnectionRefusedError as e:
    print('connect raised ConnectionRefusedError:', e)`,
    instruction: 'Nothing listens on PORT. The client connects.',
    question: {
      prompt: 'What happens?',
      options: ['connect() waits until a server starts', 'connect() raises TimeoutError after a while', 'connect() raises ConnectionRefusedError at once'],
      answer: 2,
      why: "The kernel on the far side answers a SYN to a closed port with RST: connect() raises ConnectionRefusedError: [Errno 111] Connection refused at once. (A SYN that gets no answer at all, as a firewall's drop, is what ends in a timeout.)",
    },
    run: {
      instruction: 'Set it up: the real program runs. Its connect card shows the exception; Save pcapng holds the SYN and the RST.',
      setUp: (api) => runMoment(api, 'refused'),
    },
  },
  {
    id: 'address-in-use',
    title: 'Restart the server at once: does bind() work?',
    lab: 'lifecycle',
    source: SOURCE('reuse_server.py and hello_client.py'),
    code: `# reuse_server.py [--reuse]
if '--reuse' in argv:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
sock.bind((HOST, PORT))
sock.listen(1)
sc, _ = sock.accept()
data = sc.recv(BUF_SIZE)
sc.sendall(data)
sc.close()              # the server closes first`,
    instruction: 'The server serves one client and closes first. It is started again at once on the same port, without --reuse.',
    question: {
      prompt: "What does the restarted server's bind() do?",
      options: ['Binds: the old server has exited', 'Raises OSError: [Errno 98] Address already in use', 'Waits until the port is free'],
      answer: 1,
      why: "The side that closes first keeps its end in TIME_WAIT for a minute (60 s on Linux), and the port with it: bind raises OSError: [Errno 98] Address already in use. With SO_REUSEADDR set before bind, as seed 000's server does, the restart binds at once (Linux asks that the old server had set it too).",
    },
    run: {
      instruction: 'Set it up: the real programs run: the restart without SO_REUSEADDR fails, then, on a port of its own, a server with it binds again at once.',
      setUp: (api) => runMoment(api, 'address-in-use'),
    },
  },
  {
    id: 'timeout',
    title: 'settimeout(2.0), and nobody answers',
    lab: 'lifecycle',
    source: SOURCE('timeout_client.py and silent_server.py'),
    code: `# timeout_client.py
sock.connect((HOST, PORT))
sock.settimeout(2.0)
try:
    reply = sock.recv(BUF_SIZE)
except socket.timeout as e:
    print(type(e).__name__ + ':', e)`,
    instruction: 'The server accepts and never sends anything. The client waits for a reply with a 2-second timeout.',
    question: {
      prompt: 'What does the client print?',
      options: ["b'' after 2 s", 'TimeoutError: timed out', 'Nothing: recv waits for ever'],
      answer: 1,
      why: 'With a timeout set, a recv that gets nothing in 2 s raises socket.timeout, which since Python 3.10 is TimeoutError, with the message "timed out". Nothing was closed: the connection is still there.',
    },
    run: {
      instruction: "Set it up: the real programs run. The client's recv card raises 2 seconds after its settimeout: compare their times.",
      setUp: (api) => runMoment(api, 'timeout'),
    },
  },
  {
    id: 'nagle',
    title: 'Write, write, read: how long is a round trip on loopback?',
    lab: 'lifecycle',
    source: SOURCE('nagle_client.py and nagle_server.py'),
    code: `# nagle_client.py, each request
sock.sendall(b'%04d' % n)      # the header
sock.sendall(b'.' * 60)        # the body
while len(reply) < REPLY_SIZE:
    reply += sock.recv(BUF_SIZE)

# nagle_server.py: replies once the 64 bytes are in
while len(pending) >= REQUEST_SIZE:
    sc.sendall(b'OK ' + request[:4])`,
    instruction: 'Loopback, no network at all. The client sends each request as two small writes, then waits for the reply.',
    question: {
      prompt: 'About how long does each round trip take?',
      options: ['Well under 1 ms', 'About 40 ms', 'About 200 ms'],
      answer: 1,
      why: "Nagle's algorithm holds the body while the header is unacknowledged, and the server's kernel delays that ACK (about 40 ms on Linux), hoping to carry it on a reply that cannot come before the body. setsockopt(IPPROTO_TCP, TCP_NODELAY, 1) sends the body at once: well under 1 ms.",
    },
    run: {
      instruction: 'Set it up: the real programs run, and the chart plots each round trip. Open the Lifecycle controls, switch TCP_NODELAY on and watch the dots drop; Stop when done.',
      async setUp(api) {
        await api.stepMode('run');
        await api.command('lifecycle', { op: 'run', moment: 'nagle' });
        await api.until<'lifecycle', number>('lifecycle', (s) => (s.current?.moment === 'nagle' && (s.current.nagle?.rounds.length ?? 0) > 0 ? 1 : null));
      },
    },
  },
];
