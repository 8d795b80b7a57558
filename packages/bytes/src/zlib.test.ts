import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { zlibCompress, zlibDecompress } from './zlib.ts';

const TEXT = 'When compressing larger amounts of text, zlib compression is very effective. '.repeat(40);

describe('zlib against CPython', () => {
  it('compresses to what Python decompresses, and shrinks repetitive text', async () => {
    const packed = await zlibCompress(new TextEncoder().encode(TEXT));
    expect(packed.length).toBeLessThan(TEXT.length / 10);
    const back = execFileSync('python3', ['-c', 'import sys, zlib; sys.stdout.write(zlib.decompress(sys.stdin.buffer.read()).decode())'], { input: packed }).toString();
    expect(back).toBe(TEXT);
  });
  it("decompresses Python's zlib.compress", async () => {
    const fromPython = execFileSync('python3', ['-c', 'import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))'], { input: TEXT });
    expect(new TextDecoder().decode(await zlibDecompress(new Uint8Array(fromPython)))).toBe(TEXT);
  });
  it('makes random bytes bigger, not smaller', async () => {
    const random = new Uint8Array(4096).map(() => Math.floor(Math.random() * 256));
    expect((await zlibCompress(random)).length).toBeGreaterThan(random.length);
  });
});
