// Every page<->bridge message, one discriminated union per direction, and the one parser per edge.
import { z } from 'zod';
import { labIdSchema, socketEventSchema, tcpStateSchema, type LabId } from './events.ts';
import { plainEventsMessage } from './fast-events.ts';
import { tcpEchoCommandSchema, tcpEchoStateSchema, type TcpEchoCommand } from './labs/tcp-echo.ts';
import {
  addOneCommandSchema,
  addOneStateSchema,
  udpEchoCommandSchema,
  udpEchoStateSchema,
  type AddOneCommand,
  type AddOneState,
  type UdpEchoCommand,
  type UdpEchoState,
} from './labs/udp.ts';
import {
  lengthPrefixCommandSchema,
  lengthPrefixStateSchema,
  type LengthPrefixCommand,
  type LengthPrefixState,
} from './labs/length-prefix.ts';
import { programsCommandSchema, programsStateSchema, type ProgramsCommand, type ProgramsState } from './labs/programs.ts';
import { lifecycleCommandSchema, lifecycleStateSchema, type LifecycleCommand, type LifecycleState } from './labs/lifecycle.ts';
import { serversCommandSchema, serversStateSchema, type ServersCommand, type ServersState } from './labs/servers.ts';
import { chatCommandSchema, chatStateSchema, type ChatCommand, type ChatState } from './labs/chat.ts';
import { httpCommandSchema, httpStateSchema, type HttpCommand, type HttpState } from './labs/http.ts';

export const PROTOCOL_VERSION = 1;
/** Page->bridge messages above this close the WebSocket with 1009 (SPEC "Limits"). */
export const MAX_CLIENT_MESSAGE_BYTES = 1024 * 1024;

/** Each lab's command schema, keyed by lab: the one place a new lab's commands plug in. */
export const labCommandSchemas = {
  'tcp-echo': tcpEchoCommandSchema,
  'length-prefix': lengthPrefixCommandSchema,
  'udp-echo': udpEchoCommandSchema,
  'add-one': addOneCommandSchema,
  programs: programsCommandSchema,
  lifecycle: lifecycleCommandSchema,
  servers: serversCommandSchema,
  chat: chatCommandSchema,
  http: httpCommandSchema,
} as const satisfies Record<LabId, z.ZodType>;
export interface LabCommands {
  'tcp-echo': TcpEchoCommand;
  'length-prefix': LengthPrefixCommand;
  'udp-echo': UdpEchoCommand;
  'add-one': AddOneCommand;
  programs: ProgramsCommand;
  lifecycle: LifecycleCommand;
  servers: ServersCommand;
  chat: ChatCommand;
  http: HttpCommand;
}

export const labStateSchemas = {
  'tcp-echo': tcpEchoStateSchema,
  'length-prefix': lengthPrefixStateSchema,
  'udp-echo': udpEchoStateSchema,
  'add-one': addOneStateSchema,
  programs: programsStateSchema,
  lifecycle: lifecycleStateSchema,
  servers: serversStateSchema,
  chat: chatStateSchema,
  http: httpStateSchema,
} as const satisfies Record<LabId, z.ZodType>;
export interface LabStates {
  'tcp-echo': z.infer<typeof tcpEchoStateSchema>;
  'length-prefix': LengthPrefixState;
  'udp-echo': UdpEchoState;
  'add-one': AddOneState;
  programs: ProgramsState;
  lifecycle: LifecycleState;
  servers: ServersState;
  chat: ChatState;
  http: HttpState;
}

const requestId = z.number().int().nonnegative();

const clientEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('command'), id: requestId, lab: labIdSchema, command: z.unknown() }),
  z.object({ type: z.literal('get-bytes'), id: requestId, seq: z.number().int().nonnegative() }),
  /** Run freely, or hold every recv, sendall, recvfrom and sendto until `step`. */
  z.object({ type: z.literal('step-mode'), id: requestId, mode: z.enum(['run', 'step']) }),
  /** Let one held call go: the longest-waiting one, or the one on `socket` (to show an interleaving). */
  z.object({ type: z.literal('step'), id: requestId, socket: z.string().max(200).optional() }),
  /** The page is looked at (or not): the bridge reads the kernel's socket tables for it only while it is. */
  z.object({ type: z.literal('kernel-watch'), id: requestId, on: z.boolean() }),
]);

const CLIENT_TYPES = ['command', 'get-bytes', 'step-mode', 'step', 'kernel-watch'];

export type CommandMessage = {
  [L in LabId]: { type: 'command'; id: number; lab: L; command: LabCommands[L] };
}[LabId];
export type GetBytesMessage = { type: 'get-bytes'; id: number; seq: number };
export type StepModeMessage = { type: 'step-mode'; id: number; mode: 'run' | 'step' };
export type StepMessage = { type: 'step'; id: number; socket?: string };
export type KernelWatchMessage = { type: 'kernel-watch'; id: number; on: boolean };
/** Page -> bridge. */
export type ClientMessage = CommandMessage | GetBytesMessage | StepModeMessage | StepMessage | KernelWatchMessage;

export const errorCodeSchema = z.enum([
  'bad-json',
  'unknown-type',
  'bad-message',
  'not-loopback',
  'not-found',
  'lab-error',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

const stateMessageSchema = z.discriminatedUnion('lab', [
  z.object({ type: z.literal('state'), lab: z.literal('tcp-echo'), state: tcpEchoStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('length-prefix'), state: lengthPrefixStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('udp-echo'), state: udpEchoStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('add-one'), state: addOneStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('programs'), state: programsStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('lifecycle'), state: lifecycleStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('servers'), state: serversStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('chat'), state: chatStateSchema }),
  z.object({ type: z.literal('state'), lab: z.literal('http'), state: httpStateSchema }),
]);

/** A call held by step mode: what it is and how many bytes wait for it. */
/**
 * Datagrams the bridge keeps for a held recvfrom. Node reads each datagram as it arrives, so in
 * step mode they wait in the bridge, not in the kernel's receive buffer; past this many, later
 * ones are dropped, as a full receive buffer would drop them, and counted.
 */
export const MAX_HELD_DATAGRAMS = 256;

export const pendingCallSchema = z.object({
  socket: z.string(),
  lab: labIdSchema,
  op: z.string(),
  arg: z.number().int().optional(),
  /** Bytes arrived and not yet read (for a recvfrom, the next datagram's size). */
  waiting: z.number().int(),
  /** A held recvfrom: datagrams Node has already read and the bridge keeps for it, and those dropped because that queue was full. */
  datagrams: z.object({ queued: z.number().int(), dropped: z.number().int() }).optional(),
});
export type PendingCall = z.infer<typeof pendingCallSchema>;

/** A socket's row in the kernel's table now; CLOSED once the kernel lists it no more. */
export const liveKernelSchema = z.object({
  lab: labIdSchema,
  socket: z.string(),
  state: z.union([tcpStateSchema, z.literal('CLOSED')]),
  recvQueue: z.number().int().nonnegative(),
  sendQueue: z.number().int().nonnegative(),
  /** Whole seconds it has been in this state, as the bridge has watched it (a CLOSE_WAIT's age). */
  seconds: z.number().int().nonnegative(),
  /** A TIME_WAIT: whole seconds until the kernel lets it go, from the kernel's own timer in /proc. */
  left: z.number().int().nonnegative().optional(),
});
export type LiveKernel = z.infer<typeof liveKernelSchema>;

export const serverMessageSchema = z.union([
  z.object({
    type: z.literal('welcome'),
    protocol: z.literal(PROTOCOL_VERSION),
    session: z.string(),
    previewBytes: z.number().int().positive(),
  }),
  z.object({
    type: z.literal('events'),
    events: z.array(socketEventSchema),
    /** Events dropped so far in this session because the page fell behind. */
    dropped: z.number().int().nonnegative(),
  }),
  stateMessageSchema,
  z.object({ type: z.literal('stepper'), mode: z.enum(['run', 'step']), pending: z.array(pendingCallSchema) }),
  /** Each TCP socket of the session as the kernel lists it now (/proc/net/tcp, tcp6), sent when it changes. */
  z.object({ type: z.literal('kernel'), sockets: z.array(liveKernelSchema) }),
  z.object({ type: z.literal('result'), id: requestId }),
  z.object({ type: z.literal('bytes'), id: requestId, seq: z.number().int(), hex: z.string() }),
  z.object({
    type: z.literal('error'),
    id: requestId.nullable(),
    code: errorCodeSchema,
    message: z.string(),
  }),
]);
/** Bridge -> page. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type StateMessage = z.infer<typeof stateMessageSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/**
 * Parses one page->bridge WebSocket text frame. Never throws: a bad frame gives a code and a
 * sentence naming what was wrong, which the bridge sends back as an `error` message.
 */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
  const json = readJson(text);
  if (!json.ok) return json;
  const raw = json.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'bad-message', message: 'a message must be a JSON object' };
  }
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !CLIENT_TYPES.includes(type)) {
    return {
      ok: false,
      code: 'unknown-type',
      message: `unknown message type ${JSON.stringify(type ?? null)} (known: ${CLIENT_TYPES.join(', ')})`,
    };
  }
  const envelope = clientEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, code: 'bad-message', message: describe(envelope.error) };
  const msg = envelope.data;
  if (msg.type !== 'command') return { ok: true, value: msg };
  const command = labCommandSchemas[msg.lab].safeParse(msg.command);
  if (!command.success) {
    return { ok: false, code: 'bad-message', message: describe(command.error, 'command') };
  }
  // TypeScript cannot correlate `lab` with the schema picked by it; the parse above did.
  return { ok: true, value: { type: 'command', id: msg.id, lab: msg.lab, command: command.data } as CommandMessage };
}

/** Parses one bridge->page frame; the page's only door for bridge data. */
export function parseServerMessage(text: string): ParseResult<ServerMessage> {
  const json = readJson(text);
  if (!json.ok) return json;
  const raw = json.value;
  // Most messages are batches of events of a few known shapes: checked by hand, the rest by zod.
  const events = plainEventsMessage(raw);
  if (events) return { ok: true, value: events };
  const parsed = serverMessageSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, code: 'bad-message', message: describe(parsed.error) };
}

function readJson(text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, code: 'bad-json', message: `not valid JSON: ${(e as Error).message}` };
  }
}

function describe(error: z.ZodError, prefix?: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
