// The page<->bridge wire: every message shape and event, parsed once at each edge.
export {
  LAB_IDS,
  labIdSchema,
  roleSchema,
  opSchema,
  addressSchema,
  portSchema,
  pyErrorSchema,
  socketEventSchema,
  frameStepSchema,
  frameDetailSchema,
  datagramDetailSchema,
} from './events.ts';
export type { LabId, Role, Op, Address, PyError, SocketEvent, FrameStep, FrameDetail, TextInfo, DatagramDetail } from './events.ts';
export {
  PROTOCOL_VERSION,
  MAX_CLIENT_MESSAGE_BYTES,
  labCommandSchemas,
  labStateSchemas,
  serverMessageSchema,
  errorCodeSchema,
  parseClientMessage,
  parseServerMessage,
  pendingCallSchema,
  liveKernelSchema,
  MAX_HELD_DATAGRAMS,
} from './messages.ts';
export type {
  ClientMessage,
  CommandMessage,
  GetBytesMessage,
  StepModeMessage,
  StepMessage,
  KernelWatchMessage,
  LiveKernel,
  PendingCall,
  ServerMessage,
  StateMessage,
  ErrorCode,
  ParseResult,
  LabCommands,
  LabStates,
} from './messages.ts';
export { bufsizeSchema, tcpEchoCommandSchema, tcpEchoStateSchema } from './labs/tcp-echo.ts';
export type { TcpEchoCommand, TcpEchoState, Connection } from './labs/tcp-echo.ts';
export { assertNever } from './assert-never.ts';
export {
  lengthPrefixCommandSchema,
  lengthPrefixStateSchema,
  gradeReportSchema,
  gradeTestSchema,
  maxFrameSchema,
  classGradesSchema,
  submissionReportSchema,
  submissionTestSchema,
  studentTraceSchema,
} from './labs/length-prefix.ts';
export type { LengthPrefixCommand, LengthPrefixState, GradeReport, GradeTest, ClassGrades, SubmissionReport, SubmissionTest, StudentTrace } from './labs/length-prefix.ts';
export {
  impairmentSchema,
  udpEchoCommandSchema,
  udpEchoStateSchema,
  addOneCommandSchema,
  addOneStateSchema,
  boundariesSchema,
  multicastSchema,
} from './labs/udp.ts';
export type { Impairment, RelayCounts, UdpEchoCommand, UdpEchoState, AddOneCommand, AddOneState, Boundaries, Multicast } from './labs/udp.ts';
export { traceSchema, parseTrace, TRACE_VERSION } from './trace.ts';
export type { Trace } from './trace.ts';
export { whereSchema, kernelViewSchema, tcpStateSchema, TCP_STATES } from './events.ts';
export type { Where, KernelView, TcpState } from './events.ts';
export { tracerRecordSchema, tracerCallSchema, tracerHelloSchema, tracerDefSchema, MAX_TRACER_LINE, MAX_TRACER_PAYLOAD, MAX_TRACER_DEF_BYTES, MOVED_MARK, MOVED_HEAD_BYTES, MOVED_OPS, MOVED_FLAGS } from './tracer.ts';
export { TracerStreamDecoder, type TracerItem } from './tracer-stream.ts';
export type { TracerRecord, TracerCall, TracerHello, TracerHold, BridgeToTracer } from './tracer.ts';
export { programsCommandSchema, programsStateSchema } from './labs/programs.ts';
export type { ProgramsCommand, ProgramsState, ProgramInfo, ProgramRun } from './labs/programs.ts';
export { LIFECYCLE_MOMENTS, MAX_NAGLE_ROUNDS, MOMENT_INFO, nagleMedian, nagleMedianText, lifecycleCommandSchema, lifecycleStateSchema, momentSchema } from './labs/lifecycle.ts';
export type { LifecycleCommand, LifecycleState, Moment, MomentInfo, NagleRound } from './labs/lifecycle.ts';
export { SERVER_STYLES, STYLE_INFO, serversCommandSchema, serversStateSchema, serverStyleSchema } from './labs/servers.ts';
export type { ServersCommand, ServersState, ServerStyle, StyleClient } from './labs/servers.ts';
export { CHAT_PORT, MAX_CHAT_LINES, MAX_CHAT_PANELS, MAX_CHAT_SEND, chatCommandSchema, chatStateSchema } from './labs/chat.ts';
export type { ChatCommand, ChatLine, ChatPanel, ChatState } from './labs/chat.ts';
export { HTTP_PORT, httpCommandSchema, httpStateSchema } from './labs/http.ts';
export type { HttpCommand, HttpState } from './labs/http.ts';
export { serverProgramSchema } from './labs/server-program.ts';
export type { ServerProgramView } from './labs/server-program.ts';
export { EventBatchEncoder, decodeEventBatch, BINARY_EVENTS_PARAM, BINARY_EVENTS_VALUE, EVENT_BATCH_MAGIC } from './event-batch.ts';
export type { BatchResult } from './event-batch.ts';
