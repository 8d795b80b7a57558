// The page checks every event it is sent, and at tens of thousands a second zod's check cost twice
// JSON.parse (about 2 µs an event here). The events every lab sends most have a few known shapes:
// this checks those by hand, and says "not sure" for anything else, which zod then checks. It
// accepts only what socketEventSchema accepts, unchanged (zod's output would be a copy equal to
// it): the property test in fast-events.test.ts holds it to that.
import { LAB_IDS, opSchema, roleSchema, TCP_STATES } from './events.ts';
import type { SocketEvent } from './events.ts';

const LABS = new Set<unknown>(LAB_IDS);
const ROLES = new Set<unknown>(roleSchema.options);
const OPS = new Set<unknown>(opSchema.options);
const STATES = new Set<unknown>(TCP_STATES);

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
export const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An event's `local` or `remote`: null, or a [host, port] address. */
export function isAddress(v: unknown): boolean {
  if (v === null) return true;
  if (!Array.isArray(v) || v.length !== 2 || !isString(v[0])) return false;
  const port = v[1];
  return Number.isSafeInteger(port) && port >= 0 && port <= 65535;
}

/** Every own key of `o` is one of `keys`, and each passes its check. */
function only(o: Record<string, unknown>, checks: Record<string, (v: unknown) => boolean>, required: readonly string[]): boolean {
  for (const k of required) if (!(k in o)) return false;
  for (const k in o) {
    // Own keys only, and only the checks' own (a "__proto__" key names no check).
    if (!Object.hasOwn(o, k) || !Object.hasOwn(checks, k) || !checks[k]!(o[k])) return false;
  }
  return true;
}

const WHERE_VIA = { file: isString, line: isCount, function: isString };
const WHERE = {
  file: isString,
  line: isCount,
  code: isString,
  via: (v: unknown) => isRecord(v) && only(v, WHERE_VIA, ['file', 'line', 'function']),
};
const KERNEL = { state: (v: unknown) => STATES.has(v), recvQueue: isCount, sendQueue: isCount };
const ERROR = { name: isString, message: isString, errno: isInt, hint: isString };
const OUTPUT = { stream: (v: unknown) => v === 'stdout' || v === 'stderr', text: isString };

const isBool = (v: unknown): boolean => typeof v === 'boolean';
type Shape = readonly [Record<string, (v: unknown) => boolean>, readonly string[]];
/** An object of one of `shapes`, picked by its `kind` (a discriminated union). */
const byKind = (shapes: Record<string, Shape>) => (v: unknown): boolean => {
  if (!isRecord(v) || typeof v.kind !== 'string' || !Object.hasOwn(shapes, v.kind)) return false;
  const [checks, required] = shapes[v.kind]!;
  return only(v, checks, required);
};
const isKind = () => true;
const TEXT = { text: isString, bytes: isCount, chars: isCount, cut: isBool };
const isText = (v: unknown) => isRecord(v) && only(v, TEXT, ['text', 'bytes', 'chars']);
const isStep = byKind({
  'header-partial': [{ kind: isKind, got: isCount }, ['got']],
  header: [{ kind: isKind, length: isCount, littleEndian: isCount }, ['length', 'littleEndian']],
  payload: [{ kind: isKind, got: isCount, of: isCount }, ['got', 'of']],
  complete: [{ kind: isKind, length: isCount }, ['length']],
  'too-large': [{ kind: isKind, claimed: isCount, max: isCount }, ['claimed', 'max']],
});
/** The length-prefix lab's frame details (frameDetailSchema): most of what that lab sends. */
const isFrame = byKind({
  steps: [{ kind: isKind, steps: (v) => Array.isArray(v) && v.every(isStep) }, ['steps']],
  header: [{ kind: isKind, bytes: isCount, length: isCount }, ['bytes', 'length']],
  message: [{ kind: isKind, payload: isText, reply: isText }, ['payload']],
  'too-large': [{ kind: isKind, claimed: isCount, littleEndian: isCount, max: isCount }, ['claimed', 'littleEndian', 'max']],
  incomplete: [{ kind: isKind, stage: (v) => v === 'header' || v === 'payload', got: isCount, of: isCount }, ['stage', 'got', 'of']],
  'bad-utf8': [{ kind: isKind, offset: isCount }, ['offset']],
  send: [{ kind: isKind, payload: isText }, ['payload']],
  receive: [{ kind: isKind, ok: isBool, payload: isText, reason: isString }, ['ok', 'payload']],
});
const RELAY_ACTIONS = new Set<unknown>(['forward', 'drop', 'duplicate', 'hold', 'release', 'delay']);
const DATAGRAM = {
  truncated: (v: unknown) => isRecord(v) && only(v, { full: isCount, kept: isCount }, ['full', 'kept']),
  print: isString,
  addOne: (v: unknown) => isRecord(v) && only(v, { value: isInt, result: isInt }, ['value']),
  structError: isString,
  packed: (v: unknown) => isRecord(v) && only(v, { format: isString, value: isInt }, ['format', 'value']),
  relay: (v: unknown) =>
    isRecord(v) && only(v, { action: (a) => RELAY_ACTIONS.has(a), direction: (d) => d === 'to-server' || d === 'to-client', index: isCount, delayMs: isCount }, ['action', 'direction', 'index']),
};

const EVENT: Record<string, (v: unknown) => boolean> = {
  seq: isCount,
  t: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  lab: (v) => LABS.has(v),
  socket: isString,
  role: (v) => ROLES.has(v),
  op: (v) => OPS.has(v),
  local: isAddress,
  remote: isAddress,
  size: isCount,
  hex: isString,
  truncated: (v) => typeof v === 'boolean',
  kept: isCount,
  arg: isInt,
  pid: isInt,
  thread: isString,
  fd: isInt,
  where: (v) => isRecord(v) && only(v, WHERE, ['file', 'line', 'code']),
  kernel: (v) => isRecord(v) && only(v, KERNEL, ['state', 'recvQueue', 'sendQueue']),
  kernelSkipped: (v) => v === true,
  error: (v) => isRecord(v) && only(v, ERROR, ['name', 'message']),
  output: (v) => isRecord(v) && only(v, OUTPUT, ['stream', 'text']),
  frame: isFrame,
  datagram: (v) => isRecord(v) && only(v, DATAGRAM, []),
};
const REQUIRED = ['seq', 't', 'lab', 'socket', 'role', 'op', 'local', 'remote', 'size', 'hex'] as const;

/**
 * True if `v` is a SocketEvent of a shape checked here, exactly as socketEventSchema would take it;
 * false if it is not sure (another shape, or not an event at all): ask zod.
 */
export function isPlainEvent(v: unknown): v is SocketEvent {
  return isRecord(v) && only(v, EVENT, REQUIRED);
}

/**
 * True if every field of `extra` is one of an event's optional fields of a shape checked here,
 * none of them in `fixed` (the binary batch's fixed record): added to an event whose fixed fields
 * are valid, it makes one isPlainEvent takes. False if not sure: ask zod about the whole event.
 */
export function isPlainExtra(extra: Record<string, unknown>, fixed: ReadonlySet<string>): boolean {
  for (const k in extra) {
    if (!Object.hasOwn(extra, k) || fixed.has(k) || !Object.hasOwn(EVENT, k) || !EVENT[k]!(extra[k])) return false;
  }
  return true;
}

/** An `events` message's parts, if it is one whose every event isPlainEvent (else null: ask zod). */
export function plainEventsMessage(v: unknown): { type: 'events'; events: SocketEvent[]; dropped: number } | null {
  if (!isRecord(v) || v.type !== 'events' || !isCount(v.dropped) || !Array.isArray(v.events)) return null;
  for (const k in v) if (k !== 'type' && k !== 'events' && k !== 'dropped') return null;
  const events = v.events as unknown[];
  for (let i = 0; i < events.length; i++) if (!isPlainEvent(events[i])) return null;
  return v as { type: 'events'; events: SocketEvent[]; dropped: number };
}
