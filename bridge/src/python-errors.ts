// Node's errno codes turned into the exception Python's socket module would raise on Linux.
import type { PyError } from '@socket-lab/protocol';

interface Known {
  name: string;
  errno: number;
  text: string;
  hint?: string;
}

// Errno numbers and texts are Linux's (strerror), which is what CPython prints on this machine.
const KNOWN: Record<string, Known> = {
  EADDRINUSE: {
    name: 'OSError',
    errno: 98,
    text: 'Address already in use',
    hint:
      'Another socket holds this port (an earlier run of a server, or another program). Stop it, ' +
      'choose another port, or use port 0 to let the OS pick a free one.',
  },
  EACCES: {
    name: 'PermissionError',
    errno: 13,
    text: 'Permission denied',
    hint: 'Ports below 1024 need root privileges; choose a port from 1024 to 65535.',
  },
  EADDRNOTAVAIL: {
    name: 'OSError',
    errno: 99,
    text: 'Cannot assign requested address',
    hint: 'That address does not belong to this machine; use 127.0.0.1 or ::1.',
  },
  ECONNREFUSED: {
    name: 'ConnectionRefusedError',
    errno: 111,
    text: 'Connection refused',
    hint: 'Nothing is listening on that port: start the server first, or check the port.',
  },
  ECONNRESET: {
    name: 'ConnectionResetError',
    errno: 104,
    text: 'Connection reset by peer',
    hint: 'The other side closed abruptly (RST), e.g. it closed with unread data or was killed.',
  },
  EPIPE: {
    name: 'BrokenPipeError',
    errno: 32,
    text: 'Broken pipe',
    hint: 'The other side has already closed; nothing more can be sent on this connection.',
  },
  EMFILE: {
    name: 'OSError',
    errno: 24,
    text: 'Too many open files',
    hint: 'This process has used all the file descriptors it may hold (each socket is one). Close some sockets, or tabs, and try again.',
  },
  ENFILE: {
    name: 'OSError',
    errno: 23,
    text: 'Too many open files in system',
    hint: 'The whole machine has run out of file descriptors. Close some programs or sockets and try again.',
  },
  EMSGSIZE: { name: 'OSError', errno: 90, text: 'Message too long' },
  EBADF: { name: 'OSError', errno: 9, text: 'Bad file descriptor' },
  ETIMEDOUT: { name: 'TimeoutError', errno: 110, text: 'Connection timed out' },
  EHOSTUNREACH: { name: 'OSError', errno: 113, text: 'No route to host' },
  ENETUNREACH: { name: 'OSError', errno: 101, text: 'Network is unreachable' },
  EAFNOSUPPORT: { name: 'OSError', errno: 97, text: 'Address family not supported by protocol' },
  EINVAL: { name: 'OSError', errno: 22, text: 'Invalid argument' },
};

/**
 * The Python exception for a Node socket error.
 * @example toPyError(Object.assign(new Error(), { code: 'ECONNREFUSED' })).message === '[Errno 111] Connection refused'
 */
export function toPyError(err: unknown): PyError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const known = code ? KNOWN[code] : undefined;
  if (known) {
    const e: PyError = { name: known.name, errno: known.errno, message: `[Errno ${known.errno}] ${known.text}` };
    if (known.hint) e.hint = known.hint;
    return e;
  }
  const text = err instanceof Error ? err.message : String(err);
  return { name: 'OSError', message: code ? `${code}: ${text}` : text };
}

/** `OSError: [Errno 98] Address already in use`, the line Python prints for the exception. */
export function formatPyError(e: PyError): string {
  return `${e.name}: ${e.message}`;
}
