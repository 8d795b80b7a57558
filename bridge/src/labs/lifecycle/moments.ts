// Each moment of a TCP connection's life the course stops at, as the order its Python programs
// (programs/) run in, and the one line that says what happened, read from the calls they made.
import { MOMENT_INFO, nagleMedianText, type Moment, type MomentInfo, type NagleRound } from '@socket-lab/protocol';
import type { Call } from '../../recorder.ts';

/** A program of the moment, started: its pid, its exit, and the calls it makes. */
export interface Started {
  pid: number | null;
  /** Writes to its stdin (a server that waits for Enter). */
  write(text: string): void;
  exited: Promise<number | null>;
  /** The program's first `op` call (rejects if it exits without one). */
  made(op: Call['op']): Promise<Call>;
}

/** What a moment's script may do: start its programs on the moment's port. */
export interface Stage {
  port: number;
  /** A page watches (the nagle moment runs until Stop, switched by the page's toggle); else a script (the CLI, tests). */
  live: boolean;
  /** Resolves once the kernel lists `n` connections in the accept queue of the listener on `port`; rejects after `ms`. */
  acceptQueue(port: number, n: number, ms: number): Promise<void>;
  /** Lets the room see a state the lane heads show (the kernel view refreshes 4 times a second). */
  pause(ms: number): Promise<void>;
  /** Resolves once the kernel lists a socket connecting to `port` in SYN_SENT (its SYN unanswered); rejects after `ms`. */
  synSent(port: number, ms: number): Promise<void>;
  /** A second port nothing listened on when the moment began (a part of it that must not meet the first's TIME_WAIT). */
  spare: number;
  start(program: string, ...args: string[]): Promise<Started>;
}

export interface MomentScript extends MomentInfo {
  run(stage: Stage): Promise<void>;
  /** What happened, from the calls the moment's programs made (their order as recorded) and, for nagle, its round trips. */
  explain(calls: Call[], rounds: NagleRound[]): string;
  /** The call that completed the moment: the explanation shows under it. */
  completes(calls: Call[]): Call | undefined;
}

const errorOf = (calls: Call[], op: Call['op']) => calls.find((c) => c.op === op && c.error)?.error;
const failed = (op: Call['op']) => (calls: Call[]) => calls.find((c) => c.op === op && c.error);
const last = (op: Call['op'], role?: Call['role']) => (calls: Call[]) => calls.findLast((c) => c.op === op && (!role || c.role === role));
const py = (e: { name: string; message: string } | undefined) => (e ? `${e.name}: ${e.message}` : 'no exception');
const stateAt = (calls: Call[], op: Call['op'], role?: Call['role']) => calls.find((c) => c.op === op && (!role || c.role === role))?.program?.kernel?.state ?? 'unknown';

/** A server, once it listens. */
async function listening(stage: Stage, ...server: [string, ...string[]]): Promise<Started> {
  const s = await stage.start(...server);
  await s.made('listen');
  return s;
}

/** A server, then a client once the server listens; both to the end. */
async function serverThenClient(stage: Stage, server: [string, ...string[]], client: [string, ...string[]]): Promise<void> {
  const s = await listening(stage, ...server);
  const c = await stage.start(...client);
  await Promise.all([c.exited, s.exited]);
}

export const MOMENTS: Record<Moment, MomentScript> = {
  handshake: {
    id: 'handshake',
    ...MOMENT_INFO.handshake,
    async run(stage) {
      const port = String(stage.port);
      const server = await listening(stage, 'backlog_server.py', port, '1');
      const client = await stage.start('backlog_client.py', port, 'A');
      await client.made('connect');
      // The kernel, not accept(), answered the SYN: /proc lists the connection in the listener's accept queue.
      await stage.acceptQueue(stage.port, 1, 5000);
      await stage.pause(1500);
      server.write('\n');
      await Promise.all([client.exited, server.exited]);
    },
    explain: (calls) => {
      const connect = calls.find((c) => c.op === 'connect');
      const accept = calls.find((c) => c.op === 'accept');
      const before = connect && accept && calls.indexOf(connect) < calls.indexOf(accept);
      return before
        ? `connect() returned (the client ${stateAt(calls, 'connect')}) before the server called accept(): the kernel did the handshake (SYN, SYN-ACK, ACK) and queued the connection in the listener's accept queue, which /proc/net/tcp showed as 1 waiting; accept() only took it from there.`
        : "The client's connect() did not return before accept(): see the lanes.";
    },
    completes: (calls) => calls.find((c) => c.op === 'accept'),
  },
  backlog: {
    id: 'backlog',
    completes: (calls) => calls.filter((c) => c.op === 'connect')[2],
    ...MOMENT_INFO.backlog,
    async run(stage) {
      const port = String(stage.port);
      const server = await listening(stage, 'backlog_server.py', port);
      const a = await stage.start('backlog_client.py', port, 'A');
      await a.made('connect');
      const b = await stage.start('backlog_client.py', port, 'B');
      await b.made('connect');
      const c = await stage.start('backlog_client.py', port, 'C');
      // C's SYN finds the accept queue full (A and B): the kernel drops it, C's connect waits.
      await stage.synSent(stage.port, 10_000);
      server.write('\n');
      await Promise.all([a.exited, b.exited, c.exited, server.exited]);
    },
    explain: (calls) => {
      const connects = calls.filter((c) => c.op === 'connect' && !c.error);
      return `listen(1), and no accept(): the kernel completed the handshake of the first ${connects.length >= 2 ? 'two' : ''} clients on its own (their connect() returned, ESTABLISHED, waiting in the accept queue); the third's SYN was dropped, the queue being full, so its connect() waited in SYN_SENT until the kernel sent the SYN again, after accept() had made room.`;
    },
  },
  refused: {
    id: 'refused',
    completes: failed('connect'),
    ...MOMENT_INFO['refused'],
    run: async (stage) => void (await (await stage.start('refused_client.py', String(stage.port))).exited),
    explain: (calls) => `Nothing listens on the port: the kernel answered the SYN with RST, and connect() raised ${py(errorOf(calls, 'connect'))}.`,
  },
  reset: {
    id: 'reset',
    completes: failed('recv'),
    ...MOMENT_INFO['reset'],
    run: (stage) => serverThenClient(stage, ['close_server.py', String(stage.port), '5'], ['hello_client.py', String(stage.port)]),
    explain: (calls) => {
      const read = calls.find((c) => c.op === 'recv' && c.role === 'peer');
      const unread = read?.program?.kernel?.recvQueue ?? 0;
      return `The server read ${read?.data?.length ?? 0} bytes and closed with ${unread} still unread: the kernel sent RST, not FIN, and the client's recv raised ${py(errorOf(calls, 'recv'))}.`;
    },
  },
  fin: {
    id: 'fin',
    completes: last('recv', 'client'),
    ...MOMENT_INFO['fin'],
    run: (stage) => serverThenClient(stage, ['close_server.py', String(stage.port), '1024'], ['hello_client.py', String(stage.port)]),
    explain: (calls) => {
      const eof = calls.some((c) => c.op === 'recv' && c.role === 'client' && !c.error && (c.data?.length ?? 0) === 0);
      return eof
        ? "The server read all 11 bytes, then closed: the kernel sent FIN, and the client's recv returned b'' (end of file), no exception."
        : `The client's recv did not return b'': ${py(errorOf(calls, 'recv'))}.`;
    },
  },
  linger: {
    id: 'linger',
    completes: failed('recv'),
    ...MOMENT_INFO.linger,
    run: (stage) => serverThenClient(stage, ['close_server.py', String(stage.port), '1024', '--linger0'], ['hello_client.py', String(stage.port)]),
    explain: (calls) =>
      `The server read everything, but had set SO_LINGER to (on, 0 s): its close() aborted the connection with RST instead of FIN, and the client's recv raised ${py(errorOf(calls, 'recv'))}.`,
  },
  'half-close': {
    id: 'half-close',
    completes: last('recv', 'client'),
    ...MOMENT_INFO['half-close'],
    async run(stage) {
      const server = await listening(stage, 'half_close_server.py', String(stage.port));
      const client = await stage.start('half_close_client.py', String(stage.port));
      // The server answers only once the client's shutdown (and the state it left) has been seen.
      await client.made('shutdown');
      server.write('\n');
      await Promise.all([client.exited, server.exited]);
    },
    explain: (calls) =>
      `After shutdown(SHUT_WR) the client was ${stateAt(calls, 'shutdown')}; the server's recv returned b'' (its end then ${stateAt(calls, 'sendall', 'peer')}), yet its sendall still reached the client.`,
  },
  'close-wait': {
    id: 'close-wait',
    completes: last('recv', 'peer'),
    ...MOMENT_INFO['close-wait'],
    async run(stage) {
      await listening(stage, 'forgetful_server.py', String(stage.port));
      await (await stage.start('bye_client.py', String(stage.port))).exited;
      // The server waits (its socket in CLOSE_WAIT) until Stop or the next moment.
    },
    explain: () => "The client closed; the server read b'' but never called sc.close(): its socket stays in CLOSE_WAIT (the lane's head counts how long) until the program ends.",
  },
  'address-in-use': {
    id: 'address-in-use',
    completes: (calls) => calls.filter((c) => c.op === 'bind')[3],
    ...MOMENT_INFO['address-in-use'],
    async run(stage) {
      const port = String(stage.port);
      await serverThenClient(stage, ['reuse_server.py', port], ['hello_client.py', port]);
      await (await stage.start('reuse_server.py', port)).exited;
      // Linux lets a bind past a TIME_WAIT only when both sockets set SO_REUSEADDR: the second
      // part runs on a port of its own, with it set from the start, as seed 000's server does.
      const again = String(stage.spare);
      await serverThenClient(stage, ['reuse_server.py', again, '--reuse'], ['hello_client.py', again]);
      const restarted = await listening(stage, 'reuse_server.py', again, '--reuse');
      await (await stage.start('hello_client.py', again)).exited;
      await restarted.exited;
    },
    explain: (calls) => {
      const binds = calls.filter((c) => c.op === 'bind');
      const reused = binds[3];
      return `The server closed first, so its end of the connection waits in TIME_WAIT. Restarted without SO_REUSEADDR, bind raised ${py(binds[1]?.error)}. A server that sets SO_REUSEADDR before bind, as seed 000's does, ${reused && !reused.error ? 'binds again at once' : `still failed: ${py(reused?.error)}`}: Linux allows it only when the server that left the TIME_WAIT had set it too.`;
    },
  },
  timeout: {
    id: 'timeout',
    completes: failed('recv'),
    ...MOMENT_INFO['timeout'],
    run: (stage) => serverThenClient(stage, ['silent_server.py', String(stage.port)], ['timeout_client.py', String(stage.port)]),
    explain: (calls) => `Nobody sent anything: after settimeout(2.0) the client's recv raised ${py(errorOf(calls, 'recv'))} 2 seconds later, and its close made the server's recv return b''.`,
  },
  nagle: {
    id: 'nagle',
    ...MOMENT_INFO.nagle,
    async run(stage) {
      const port = String(stage.port);
      const server = await listening(stage, 'nagle_server.py', port);
      // A script contrasts 10 round trips with Nagle on and 10 with TCP_NODELAY; a page runs until
      // Stop (at most 600 round trips, about a minute), switched by its toggle.
      const client = await stage.start('nagle_client.py', port, ...(stage.live ? ['600'] : ['20', '10']));
      await Promise.all([client.exited, server.exited]);
    },
    explain: (_calls, rounds) =>
      `Write, write, read: with Nagle on, the body waited in the kernel for the ACK of the header, which the server delayed (it had no reply yet to carry it): median ${nagleMedianText(rounds, false)}. With TCP_NODELAY the body went at once: median ${nagleMedianText(rounds, true)}.`,
    completes: last('recv', 'client'),
  },
};
