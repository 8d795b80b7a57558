// sendall(): resolves once Node has handed every byte to the kernel, with the Python error if any.
import type net from 'node:net';
import type { PyError } from '@socket-lab/protocol';
import { toPyError } from '../python-errors.ts';

/** Never rejects: a failed sendall resolves to the exception Python would raise. */
export function sendAll(socket: net.Socket, data: Uint8Array): Promise<PyError | null> {
  if (socket.destroyed || !socket.writable) {
    return Promise.resolve(toPyError(Object.assign(new Error('socket closed'), { code: 'EPIPE' })));
  }
  return new Promise((resolve) => socket.write(data, (err) => resolve(err ? toPyError(err) : null)));
}
