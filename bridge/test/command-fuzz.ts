// Page messages for the session fuzz: every command shape of every lab with plausible values,
// and mutations of them (a field gone, a value of the wrong type, a renamed op, cut JSON).

/** A small seeded PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(
    readonly random: () => number,
    /** Ports the session's own servers listen on, so connects and sends reach something. */
    readonly ports: number[],
  ) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)]!;
  }
  hex(max: number): string {
    return Array.from({ length: this.int(0, max) }, () => this.int(0, 255).toString(16).padStart(2, '0')).join('');
  }
  host(): string {
    return this.pick(['127.0.0.1', '127.0.0.1', 'localhost', '::1', '10.1.2.3', 'example.com']);
  }
  port(): number {
    return this.ports.length > 0 && this.random() < 0.7 ? this.pick(this.ports) : this.pick([0, 0, 1, 65535]);
  }
  socket(): string {
    return `${this.pick(['client', 'peer', 'server', 'relay'])}-${this.int(1, 40)}`;
  }
  text(): string {
    return this.pick(['Hello World', 'Four score and seven years ago', 'héllo wörld €', '', 'x'.repeat(this.int(0, 3000))]);
  }

  /** One valid command for one lab (long runs, the grader and real multicast, left out so bursts stay short). */
  command(): { lab: string; command: Record<string, unknown> } {
    const lab = this.pick(['tcp-echo', 'length-prefix', 'udp-echo', 'add-one', 'programs']);
    const start = { op: 'start-server', host: this.host(), port: this.pick([0, 0, 0, ...this.ports]) };
    const options: Record<string, Array<() => Record<string, unknown>>> = {
      'tcp-echo': [
        () => ({ ...start, backlog: this.int(0, 128) }),
        () => ({ op: 'stop-server' }),
        () => ({ op: 'connect', host: this.host(), port: this.port() }),
        () => ({ op: 'sendall', socket: this.socket(), hex: this.hex(64) }),
        () => ({ op: 'close', socket: this.socket() }),
        () => ({ op: 'set-bufsize', bufsize: this.int(1, 65536) }),
      ],
      'length-prefix': [
        () => ({ ...start, ...(this.random() < 0.3 ? { maxFrame: this.int(1, 1 << 20) } : {}) }),
        () => ({ op: 'stop-server' }),
        () => ({ op: 'set-bufsize', bufsize: this.int(1, 65536) }),
        () => ({ op: 'connect', host: this.host(), port: this.port() }),
        () => ({ op: 'send-message', socket: this.socket(), text: this.text() }),
        () => ({ op: 'send-raw', socket: this.socket(), hex: this.pick(['ffffffff', '0000001e4865', this.hex(32)]) }),
        () => ({ op: 'receive-message', socket: this.socket() }),
        () => ({ op: 'shutdown', socket: this.socket() }),
        () => ({ op: 'grade', target: { host: '10.9.8.7', port: 1 } }),
      ],
      'udp-echo': [
        () => start,
        () => ({ op: 'stop-server' }),
        () => ({ op: 'set-bufsize', bufsize: this.int(1, 65536) }),
        () => ({ op: 'sendto', hex: this.hex(64) }),
        () => ({ op: 'compare-boundaries', messages: ['one', 'two', 'three'].slice(0, this.int(1, 3)) }),
        () => ({ op: 'relay-start', impairment: { seed: this.int(0, 1000), drop: this.random(), duplicate: this.random(), reorder: this.random(), delayMs: this.int(0, 50) } }),
        () => ({ op: 'relay-stop' }),
        () => ({ op: 'multicast', group: this.pick(['10.0.0.1', 'not-a-group', '239.999.1.1']), text: 'hi' }),
      ],
      'add-one': [
        () => start,
        () => ({ op: 'stop-server' }),
        () => ({ op: 'send', value: this.pick([0, 1, 41, -32768, 32766, 32767, 40000]) }),
      ],
      // Programs: only names the lab does not list (paths, missing files), so nothing runs.
      programs: [
        () => ({ op: 'list' }),
        () => ({ op: 'stop', run: `run-${this.int(0, 9)}` }),
        () => ({ op: 'run', program: this.pick(['../../bin/sh', '/bin/sh', 'course/nope.py', 'folder/x.py', 'course/../cli.ts']), args: [this.text()], stdin: '' }),
      ],
    };
    return { lab, command: this.pick(options[lab]!)() };
  }

  /** A valid message of any type. */
  message(id: number): Record<string, unknown> {
    const r = this.random();
    if (r < 0.85) return { type: 'command', id, ...this.command() };
    if (r < 0.92) return { type: 'get-bytes', id, seq: this.int(0, 5000) };
    if (r < 0.96) return { type: 'step', id };
    return { type: 'step-mode', id, mode: 'run' };
  }

  /** A message that is invalid in one way; its text is what the page would send. */
  mutated(id: number): string {
    const msg = this.message(id);
    const target = (msg.command as Record<string, unknown> | undefined) ?? msg;
    const keys = Object.keys(target).filter((k) => k !== 'id');
    const key = this.pick(keys.length > 0 ? keys : ['type']);
    switch (this.int(0, 6)) {
      case 0:
        delete target[key];
        break;
      case 1:
        target[key] = this.pick([null, true, -1, 1.5, 'x', [], {}, 2 ** 53, '9'.repeat(400)]);
        break;
      case 2:
        target[this.pick(['op', 'type'])] = this.pick(['reboot', 'START-SERVER', '', 'constructor', '__proto__']);
        break;
      case 3:
        msg.lab = this.pick(['tcp', 'chat', '', 7, null]);
        break;
      case 4:
        msg.id = this.pick([1.5, -3, '7', null, 2 ** 60]);
        break;
      case 5: {
        const text = JSON.stringify(msg);
        return text.slice(0, this.int(0, text.length - 1));
      }
      default:
        target[this.pick(['extra', 'hex', 'port', 'bufsize'])] = this.pick(['zz', 70000, -1, 'ff'.repeat(3)]);
    }
    return JSON.stringify(msg);
  }
}
