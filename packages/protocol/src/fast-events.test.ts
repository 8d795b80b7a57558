import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAB_IDS, socketEventSchema, TCP_STATES } from './events.ts';
import { isPlainEvent, plainEventsMessage } from './fast-events.ts';
import { parseServerMessage } from './messages.ts';

const recv = { seq: 9, t: 15.631, lab: 'tcp-echo', socket: 'peer-1', role: 'peer', op: 'recv', local: ['127.0.0.1', 65432], remote: ['127.0.0.1', 57937], size: 4, hex: '48656c6c', arg: 4 };
const traced = {
  ...recv,
  lab: 'programs',
  socket: 'pid 4242 fd 4',
  pid: 4242,
  thread: 'Thread-1 (handle)',
  fd: 4,
  where: { file: '/tmp/buffered_server.py', line: 41, code: 'data = conn.recv(BUF_SIZE)', via: { file: '/usr/lib/python3.11/socketserver.py', line: 747, function: 'handle' } },
  kernel: { state: 'ESTABLISHED', recvQueue: 7, sendQueue: 0 },
};
const refused = { ...recv, op: 'connect', role: 'client', size: 0, hex: '', error: { name: 'ConnectionRefusedError', message: '[Errno 111] Connection refused', errno: 111, hint: 'start the server first' } };
const printed = { ...recv, lab: 'programs', socket: 'pid 4242', role: 'program', op: 'output', local: null, remote: null, size: 0, hex: '', pid: 4242, thread: 'MainThread', output: { stream: 'stdout', text: 'hi' } };

// Values near the schema's: each a valid one or one just outside.
const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: fc.anything() });
const address = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.tuple(fc.string(), fc.integer({ min: -2, max: 65537 })) }, { weight: 1, arbitrary: fc.array(fc.anything(), { maxLength: 3 }) });
const int = fc.oneof({ weight: 20, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) }, { weight: 1, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.constant(2 ** 53) });
// Left out three times in four: an event has one of these or neither.
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const text = fc.record({ text: fc.string(), bytes: int, chars: int, cut: maybe(fc.boolean()) }, { requiredKeys: ['text', 'bytes'] });
const kind = (k: string) => fc.constantFrom(k, 'nope');
const step = fc.oneof(
  fc.record({ kind: kind('header-partial'), got: int }),
  fc.record({ kind: kind('header'), length: int, littleEndian: maybe(int) }),
  fc.record({ kind: kind('payload'), got: int, of: int }),
  fc.record({ kind: kind('complete'), length: int }, { requiredKeys: [] }),
  fc.record({ kind: kind('too-large'), claimed: int, max: int }),
);
const frame = fc.oneof(
  fc.record({ kind: kind('steps'), steps: fc.array(maybe(step), { maxLength: 3 }) }),
  fc.record({ kind: kind('header'), bytes: int, length: int }),
  fc.record({ kind: kind('message'), payload: maybe(text), reply: text }, { requiredKeys: ['kind', 'payload'] }),
  fc.record({ kind: kind('too-large'), claimed: int, littleEndian: int, max: int }),
  fc.record({ kind: kind('incomplete'), stage: fc.constantFrom('header', 'payload', 'trailer'), got: int, of: int }),
  fc.record({ kind: kind('bad-utf8'), offset: int }),
  fc.record({ kind: kind('send'), payload: text }),
  fc.record({ kind: kind('receive'), ok: maybe(fc.boolean()), payload: text, reason: fc.string() }, { requiredKeys: ['kind', 'ok', 'payload'] }),
);
const datagram = fc.record(
  {
    truncated: maybe(fc.record({ full: int, kept: int })),
    print: maybe(fc.string()),
    addOne: maybe(fc.record({ value: fc.oneof(fc.integer(), fc.double()), result: fc.integer() }, { requiredKeys: ['value'] })),
    structError: fc.string(),
    packed: maybe(fc.record({ format: fc.string(), value: fc.integer() })),
    relay: maybe(
      fc.record(
        { action: fc.constantFrom('forward', 'drop', 'duplicate', 'hold', 'release', 'delay', 'nope'), direction: fc.constantFrom('to-server', 'to-client', 'up'), index: int, delayMs: int },
        { requiredKeys: ['action', 'direction', 'index'] },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('isPlainEvent', () => {
  it('takes the shapes labs send most: a recv, a traced call with its line and kernel view, an error, a print', () => {
    for (const e of [recv, traced, refused, printed, { ...traced, kernel: undefined, kernelSkipped: true, truncated: true, kept: 65536 }].map((x) => JSON.parse(JSON.stringify(x)))) {
      expect(isPlainEvent(e)).toBe(true);
      expect(socketEventSchema.parse(e)).toEqual(e);
    }
  });

  it('leaves to zod what it does not check: other fields, unknown keys, a "__proto__" key, wrong values', () => {
    const notSure = [
      { ...recv, frame: { kind: 'header', bytes: 4 } },
      { ...recv, extra: 1 },
      { ...traced, where: { ...traced.where, column: 3 } },
      JSON.parse(`{"__proto__":1,${JSON.stringify(recv).slice(1)}`),
      { ...recv, seq: -1 },
      { ...recv, t: 'soon' },
      { ...recv, local: ['127.0.0.1', 65536] },
      { ...recv, local: ['127.0.0.1', 1, 2] },
      { ...recv, lab: 'nope' },
      { ...recv, kernelSkipped: false },
      { ...recv, arg: 1.5 },
      [recv],
      null,
    ];
    for (const e of notSure) expect(isPlainEvent(e)).toBe(false);
  });

  it('never takes what zod would refuse or change', () => {
    // Events near the schema's shapes: each field a valid value or one just outside, some left out, some extra.
    const fields = {
      seq: maybe(int),
      t: maybe(fc.oneof(fc.double(), fc.constant(-0))),
      lab: maybe(fc.constantFrom(...LAB_IDS, 'nope')),
      socket: maybe(fc.string()),
      role: maybe(fc.constantFrom('server', 'client', 'peer', 'relay', 'program', 'nope')),
      op: maybe(fc.constantFrom('recv', 'sendall', 'output', 'frame', 'nope')),
      local: maybe(address),
      remote: maybe(address),
      size: maybe(int),
      hex: maybe(fc.string()),
      truncated: maybe(fc.boolean()),
      kept: maybe(int),
      arg: maybe(int),
      pid: maybe(int),
      thread: maybe(fc.string()),
      fd: maybe(int),
      where: maybe(fc.record({ file: fc.string(), line: int, code: fc.string(), via: fc.record({ file: fc.string(), line: int, function: fc.string() }) }, { requiredKeys: ['file', 'line', 'code'] })),
      kernel: maybe(fc.record({ state: fc.constantFrom(...TCP_STATES, 'NOPE'), recvQueue: int, sendQueue: int })),
      kernelSkipped: maybe(fc.boolean()),
      error: maybe(fc.record({ name: fc.string(), message: fc.string(), errno: int, hint: fc.string() }, { requiredKeys: ['name', 'message'] })),
      output: maybe(fc.record({ stream: fc.constantFrom('stdout', 'stderr', 'stdin'), text: fc.string() })),
      frame: sometimes(maybe(frame)),
      datagram: sometimes(maybe(datagram)),
    };
    // The required keys are there more often than not, so that many candidates are events.
    const event = fc.record(fields, { requiredKeys: [] }).chain((e) =>
      fc.record({ seq: fc.nat(), t: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), lab: fc.constantFrom(...LAB_IDS), socket: fc.string(), role: fc.constant('peer'), op: fc.constant('recv'), local: fc.constant(null), remote: fc.constant(null), size: fc.nat(), hex: fc.string() }).chain((base) =>
        fc.constantFrom({ ...base, ...e }, { ...e, ...base }, e),
      ),
    );
    let taken = 0;
    let takenFrames = 0;
    let takenDatagrams = 0;
    let runs = 0;
    fc.assert(
      fc.property(event, (candidate) => {
        runs++;
        // As the page gets it: JSON text, parsed.
        const e: unknown = JSON.parse(JSON.stringify(candidate));
        if (!isPlainEvent(e)) return;
        taken++;
        if ('frame' in (e as object)) takenFrames++;
        if ('datagram' in (e as object)) takenDatagrams++;
        const zod = socketEventSchema.safeParse(e);
        expect(zod.success).toBe(true);
        expect(zod.data).toEqual(e);
      }),
      { numRuns: 5000 },
    );
    // Not vacuous: a good share of the candidates were taken, and each was zod's too.
    expect(taken).toBeGreaterThan(runs / 100);
    expect(takenFrames).toBeGreaterThan(0);
    expect(takenDatagrams).toBeGreaterThan(0);
  });

  it('takes frame and datagram details only as zod would, unchanged', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.oneof(frame.map((f) => ({ ...recv, op: 'frame', frame: f })), datagram.map((d) => ({ ...recv, op: 'recvfrom', datagram: d }))), (candidate) => {
        const e: unknown = JSON.parse(JSON.stringify(candidate));
        if (!isPlainEvent(e)) return;
        taken++;
        const zod = socketEventSchema.safeParse(e);
        expect(zod.success).toBe(true);
        expect(zod.data).toEqual(e);
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(300);
  });
});

describe('parseServerMessage with plain events', () => {
  it('gives the batch as zod would, and still names what is wrong in a bad one', () => {
    const batch = { type: 'events', events: [recv, traced, printed], dropped: 2 };
    expect(plainEventsMessage(JSON.parse(JSON.stringify(batch)))).not.toBeNull();
    const parsed = parseServerMessage(JSON.stringify(batch));
    expect(parsed).toEqual({ ok: true, value: batch });
    const bad = parseServerMessage(JSON.stringify({ ...batch, events: [recv, { ...recv, size: -1 }] }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/events\.1\.size/);
    // The length-prefix lab's frame details are checked by hand too; a shape it does not check goes to zod, whole.
    const framed = { ...batch, events: [{ ...recv, op: 'frame', frame: { kind: 'steps', steps: [{ kind: 'header', length: 30, littleEndian: 503316480 }, { kind: 'payload', got: 2, of: 30 }] } }] };
    expect(plainEventsMessage(JSON.parse(JSON.stringify(framed)))).not.toBeNull();
    const unknownKind = { ...batch, events: [{ ...recv, op: 'frame', frame: { kind: 'trailer', bytes: 4 } }] };
    expect(plainEventsMessage(JSON.parse(JSON.stringify(unknownKind)))).toBeNull();
    expect(parseServerMessage(JSON.stringify(unknownKind)).ok).toBe(false);
  });
});
