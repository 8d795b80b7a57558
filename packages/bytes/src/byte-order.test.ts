import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { htonl, htons, memoryOrder } from './byte-order.ts';

describe('byte order', () => {
  it("stores the seeds' examples as the slides show", () => {
    expect(memoryOrder(0xabcdef, 4)).toEqual({ big: [0x00, 0xab, 0xcd, 0xef], little: [0xef, 0xcd, 0xab, 0x00] });
    expect(memoryOrder(0x01020304, 4)).toEqual({ big: [1, 2, 3, 4], little: [4, 3, 2, 1] });
  });
  it('htons/htonl match socket.htons/htonl on this little-endian machine', () => {
    const python = execFileSync('python3', ['-c', 'import socket; print(socket.htonl(0x01020304), socket.htons(0x0102), socket.htonl(0xabcdef))']).toString().trim();
    expect(`${htonl(0x01020304)} ${htons(0x0102)} ${htonl(0xabcdef)}`).toBe(python);
  });
});
