// The bridge as a library, for tests and benchmarks.
export { startBridge, DEFAULT_WEB_ROOT } from './app.ts';
export type { Bridge, BridgeOptions } from './app.ts';
export { Session } from './session.ts';
export { Recorder } from './recorder.ts';
export { EventQueue } from './event-queue.ts';
export { JsonLinesSink } from './event-sink.ts';
