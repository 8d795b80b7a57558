// sendall(): resolves once Node has handed every byte to the kernel, with the Python error if any.
import type net from 'node:net';
import type { PyError } from '@socket-lab/protocol';
import { toPyError } from '../python-errors.ts';
import type { EventEmitter } from 'node:events';
import { takeReset, type Flow, type HeldCall } from './recv-loop.ts';

const closedError = () => toPyError(Object.assign(new Error('socket closed'), { code: 'EPIPE' }));

/**
 * Never rejects: a failed sendall resolves to the exception Python would raise. In step mode
 * (`step` given and its flow stepping) nothing is written until the call's step is granted.
 */
export async function sendAll(socket: net.Socket, data: Uint8Array, step?: { flow: Flow; socket: string }): Promise<PyError | null> {
  if (step?.flow.stepping && !(await turn(step.flow, socket, { socket: step.socket, op: 'sendall', arg: data.length, waiting: 0 }))) return closedError();
  if (socket.destroyed || !socket.writable) {
    // A reset not yet reported is what this send meets (ConnectionResetError), as on Linux.
    const reset = takeReset(socket);
    return reset ? toPyError(reset) : closedError();
  }
  return new Promise((resolve) => socket.write(data, (err) => resolve(err ? toPyError(takeReset(socket) ?? err) : null)));
}

/** Waits for step mode to let one call go; false if the socket (TCP or UDP) closed first. */
export function turn(flow: Flow, socket: Pick<EventEmitter, 'once' | 'off'>, call: HeldCall): Promise<boolean> {
  if (!flow.acquire) return Promise.resolve(true);
  const key = {};
  return new Promise((resolve) => {
    const onClose = () => {
      flow.release?.(key);
      resolve(false);
    };
    const attempt = () => {
      if (!flow.acquire!(key, () => call, attempt)) return;
      socket.off('close', onClose);
      resolve(true);
    };
    socket.once('close', onClose);
    attempt();
  });
}
