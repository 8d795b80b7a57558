// The lecture deck: one exercise per lab, each read → predict → reveal → run, with the course's
// Python beside the live lab. Answers were checked against the labs (see e2e/specs/deck.spec.ts).
import type { LabCommands } from '@socket-lab/protocol';
import type { LabEntry } from '../labs/registry.ts';
import type { DeckApi } from './deck-api.ts';
import { LIFECYCLE_EXERCISES } from './lifecycle-exercises.ts';
import { SERVERS_EXERCISES } from './servers-exercises.ts';
import { CHAT_EXERCISES } from './chat-exercises.ts';
import { HTTP_EXERCISES } from './http-exercises.ts';

export interface Exercise {
  id: string;
  title: string;
  lab: LabEntry['id'];
  /** Which seed the code comes from, and what (if anything) the lab changes in it. */
  source: string;
  code: string;
  instruction: string;
  question: { prompt: string; options: string[]; answer: number; why: string };
  run: { instruction: string; setUp?: (api: DeckApi) => Promise<void> };
  /** The lab beside shows the answer as soon as it is on screen (the workbench packs the format): it opens at Reveal. */
  answerInLab?: true;
}

export const STEPS = ['read', 'predict', 'reveal', 'run'] as const;
export type StepName = (typeof STEPS)[number];

const LOOPBACK = '127.0.0.1';

/** BUF_SIZE 4, the lab's server on a free port, a client connected to it, step mode on: the client's socket. */
async function serveConnectAndStep<L extends 'tcp-echo' | 'length-prefix'>(api: DeckApi, lab: L, start: LabCommands[L]): Promise<string> {
  await api.command<'tcp-echo' | 'length-prefix'>(lab, { op: 'set-bufsize', bufsize: 4 });
  await api.command(lab, start);
  const port = await api.until<'tcp-echo' | 'length-prefix', number>(lab, (s) => s.server?.local[1]);
  await api.command<'tcp-echo' | 'length-prefix'>(lab, { op: 'connect', host: LOOPBACK, port });
  const client = await api.until<'tcp-echo' | 'length-prefix', string>(lab, (s) => s.clients.at(-1)?.socket);
  await api.stepMode('step');
  return client;
}

/** Run mode and the lab's UDP server on a free port, listening. */
async function serveUdp(api: DeckApi, lab: 'udp-echo' | 'add-one'): Promise<void> {
  await api.stepMode('run');
  await api.command<'udp-echo' | 'add-one'>(lab, { op: 'start-server', host: LOOPBACK, port: 0 });
  await api.until<'udp-echo' | 'add-one', number>(lab, (s) => s.server?.local[1]);
}

export const EXERCISES: Exercise[] = [
  {
    id: 'tcp-echo',
    title: 'TCP is a stream: recv(4) on an 11-byte message',
    lab: 'tcp-echo',
    source: "Seed 000's TCP echo server; the lab loops on recv until b'' (the seed reads once)",
    code: `BUF_SIZE = 4
with socket(AF_INET, SOCK_STREAM) as sock:
    sock.bind((HOST, PORT))
    sock.listen(1)
    while True:
        sc, _ = sock.accept()
        with sc:
            while data := sc.recv(BUF_SIZE):
                sc.sendall(data)

# client
sock.connect((HOST, PORT))
sock.sendall(b'Hello World')
reply = sock.recv(BUF_SIZE)`,
    instruction: 'The server reads with sc.recv(BUF_SIZE) and sends every chunk straight back. BUF_SIZE is 4.',
    question: {
      prompt: "The client sends b'Hello World' (11 bytes) with one sendall. How many of the server's recv(4) calls return data?",
      options: ['1: one sendall is one message', '3', '11: one per byte'],
      answer: 1,
      why: "recv(4) returns at most 4 bytes: b'Hell', b'o Wo', b'rld'. TCP carries a stream of bytes, not messages.",
    },
    run: {
      instruction: 'Set it up, then press → (or the clicker) to let one socket call run at a time. Watch the server lane.',
      async setUp(api) {
        const client = await serveConnectAndStep(api, 'tcp-echo', { op: 'start-server', host: LOOPBACK, port: 0, backlog: 1 });
        api.fire('tcp-echo', { op: 'sendall', socket: client, hex: '48656c6c6f20576f726c64' });
      },
    },
  },
  {
    id: 'length-prefix',
    title: 'Length-prefix framing: reading a whole message',
    lab: 'length-prefix',
    source: "Seed 004's assignment: a 4-byte '!I' length header, then the UTF-8 payload",
    code: `def send_message(sock, message):
    data = message.encode('utf-8')
    sock.sendall(struct.pack('!I', len(data)) + data)

# the server, buffered: read whatever arrives, cut whole frames out of it
buffer = b''
while chunk := sc.recv(BUF_SIZE):
    buffer += chunk
    while len(buffer) >= 4:
        (length,) = struct.unpack('!I', buffer[:4])
        if len(buffer) < 4 + length:
            break
        payload, buffer = buffer[4:4 + length], buffer[4 + length:]
        reply = payload.decode('utf-8')[10:].encode('utf-8')
        sc.sendall(struct.pack('!I', len(reply)) + reply)`,
    instruction: 'The server replies with the message minus its first 10 characters, framed the same way. BUF_SIZE is 4.',
    question: {
      prompt: "The client sends 'Four score and seven years ago' (30 bytes of UTF-8). How many recv(4) calls does the server make to read the whole frame?",
      options: ['1', '8', '9', '30'],
      answer: 2,
      why: 'The frame is 4 header bytes (00 00 00 1e) plus 30 payload bytes: 34 bytes, so eight recv(4) calls of 4 bytes and one of 2.',
    },
    run: {
      instruction: 'Set it up, then step with →. The header fills first (30 / 30 is announced), then the payload.',
      async setUp(api) {
        const client = await serveConnectAndStep(api, 'length-prefix', { op: 'start-server', host: LOOPBACK, port: 0 });
        api.fire('length-prefix', { op: 'send-message', socket: client, text: 'Four score and seven years ago' });
      },
    },
  },
  {
    id: 'udp-echo',
    title: 'UDP keeps message boundaries',
    lab: 'udp-echo',
    source: "Seed 000's UDP server and client",
    code: `with socket(AF_INET, SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    data, address = sock.recvfrom(BUF_SIZE)
    text = data.decode('utf-8')
    source_ip, source_port = address
    print(f'IP: {source_ip} Port: {source_port} Message: {text}')

# client
sock.sendto(b'one', (HOST, PORT))
sock.sendto(b'two', (HOST, PORT))
sock.sendto(b'three', (HOST, PORT))`,
    instruction: 'Three sendto calls go to a server reading with recvfrom(1024); the same three messages also go over TCP with sendall.',
    question: {
      prompt: 'How many recvfrom(1024) calls does it take to read the three datagrams, and how many recv(1024) calls for the same bytes over TCP?',
      options: ['1 and 1', '3 and 3', '3 for UDP; TCP may need only 1'],
      answer: 2,
      why: 'Each datagram is one recvfrom. TCP has no boundaries: the three sendall calls can arrive as one recv of b\'onetwothree\'.',
    },
    run: {
      instruction: 'Set it up: the lab sends the three messages both ways and shows what each side read.',
      async setUp(api) {
        await serveUdp(api, 'udp-echo');
        await api.command('udp-echo', { op: 'compare-boundaries', messages: ['one', 'two', 'three'] });
      },
    },
  },
  {
    id: 'add-one',
    title: "struct '!h': the add-one server at the edge of a short",
    lab: 'add-one',
    source: "Seed 001's UDP add-one server and client",
    code: `data, (HOST, PORT) = s.recvfrom(1024)
ndata = struct.unpack("!h", data)
data = ndata[0] + 1
s.sendto(struct.pack("!h", data), (HOST, PORT))

# client
val = struct.pack("!h", 32767)
s.sendto(val, (HOST, PORT))
data, (HOST, PORT) = s.recvfrom(1024)`,
    instruction: "'!h' is a signed 16-bit integer in network byte order: -32768 to 32767.",
    question: {
      prompt: 'The client sends 32767. What comes back?',
      options: ['32768', '-32768: it wraps around', "Nothing: the server's struct.pack raises struct.error, and the client's recvfrom times out"],
      answer: 2,
      why: "32767 + 1 does not fit in 'h': struct.pack raises \"'h' format requires -32768 <= number <= 32767\". UDP cannot carry the failure back, so the client waits in vain.",
    },
    run: {
      instruction: 'Set it up: the client sends 1, then 32767. Read the server lane for the struct.error.',
      async setUp(api) {
        await serveUdp(api, 'add-one');
        await api.command('add-one', { op: 'send', value: 1 });
        await api.command('add-one', { op: 'send', value: 32767 });
      },
    },
  },
  {
    id: 'programs',
    title: "Seed 000's UDP client, as real Python: whose port is that?",
    lab: 'programs',
    source: "Seed 000's udp_server.py and udp_client.py, run traced on this machine's CPython",
    code: `# udp_server.py
with socket(AF_INET, SOCK_DGRAM) as sock:
    sock.bind((HOST, PORT))
    data, address = sock.recvfrom(BUF_SIZE)
    source_ip, source_port = address
    print(f'IP: {source_ip} Port: {source_port} Message: {text}')

# udp_client.py (it never calls bind)
with socket(AF_INET, SOCK_DGRAM) as sock:
    sock.sendto(argv[1].encode('utf-8'), (HOST, PORT))`,
    instruction: 'The server binds to PORT (65432). The client sends one datagram and never binds.',
    question: {
      prompt: 'Which port does the server print as source_port?',
      options: ['65432: the server\'s own port', 'An ephemeral port the kernel gave the client\'s socket at its first sendto', '0: the client never bound its socket'],
      answer: 1,
      why: "An unbound UDP socket is bound by the kernel on its first sendto, to a free ephemeral port (32768–60999 on Linux): that is the address recvfrom returns, and where a reply would go.",
    },
    run: {
      instruction: "Set it up: the real udp_server.py, then udp_client.py 'This is a test'. Compare the client's sendto card (its local address) with the server's print in the console.",
      async setUp(api) {
        await api.stepMode('run');
        const from = api.eventCount('programs');
        await api.command('programs', { op: 'run', program: 'course/udp_server.py', args: [], stdin: '' });
        const bound = await api.untilEvent('programs', from, (e) => e.op === 'bind');
        if (bound.error) throw new Error(`udp_server.py could not bind: ${bound.error.name}: ${bound.error.message}`);
        await api.command('programs', { op: 'run', program: 'course/udp_client.py', args: ['This is a test'], stdin: '' });
      },
    },
  },
  ...LIFECYCLE_EXERCISES,
  ...SERVERS_EXERCISES,
  ...CHAT_EXERCISES,
  ...HTTP_EXERCISES,
  {
    id: 'struct',
    title: "struct.pack('!hH?f10s'): how many bytes?",
    lab: 'workbench',
    source: 'Seed 000: packing data with struct',
    code: `import struct
data = struct.pack('!hH?f10s', 13, 987, True, 0.3871, b'1234567890')
print(len(data), data.hex())`,
    instruction: "h and H are 2 bytes, ? is 1, f is 4, 10s is 10. '!' is network order with no padding.",
    question: {
      prompt: 'What is len(data)?',
      options: ['19', '22', '24'],
      answer: 0,
      why: "2 + 2 + 1 + 4 + 10 = 19. With '@' (native) the f would be aligned to 4 bytes: 22.",
    },
    run: { instruction: 'The workbench beside shows the 19 bytes field by field. Try @ instead of ! in the format.' },
    answerInLab: true,
  },
];

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
