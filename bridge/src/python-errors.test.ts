import { describe, expect, it } from 'vitest';
import { formatPyError, toPyError } from './python-errors.ts';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('toPyError', () => {
  it('gives the exception Python raises, with Linux errno text', () => {
    expect(formatPyError(toPyError(errno('EADDRINUSE')))).toBe('OSError: [Errno 98] Address already in use');
    expect(formatPyError(toPyError(errno('ECONNREFUSED')))).toBe('ConnectionRefusedError: [Errno 111] Connection refused');
    expect(formatPyError(toPyError(errno('ECONNRESET')))).toBe('ConnectionResetError: [Errno 104] Connection reset by peer');
    expect(formatPyError(toPyError(errno('EPIPE')))).toBe('BrokenPipeError: [Errno 32] Broken pipe');
    expect(formatPyError(toPyError(errno('EACCES')))).toBe('PermissionError: [Errno 13] Permission denied');
  });
  it('says what to do where there is something to do', () => {
    expect(toPyError(errno('EADDRINUSE')).hint).toMatch(/port 0/);
    expect(toPyError(errno('EACCES')).hint).toMatch(/below 1024/);
  });
  it('falls back to OSError naming the code', () => {
    expect(toPyError(errno('EWHATEVER'))).toEqual({ name: 'OSError', message: 'EWHATEVER: EWHATEVER' });
  });
});
