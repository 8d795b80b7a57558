import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex.ts';
import { pythonBytesRepr, pythonStrRepr } from './python-bytes.ts';

describe('pythonBytesRepr', () => {
  it('matches the literals students see', () => {
    expect(pythonBytesRepr(new TextEncoder().encode('Hello World'))).toBe("b'Hello World'");
    expect(pythonBytesRepr(fromHex('0000001e'))).toBe("b'\\x00\\x00\\x00\\x1e'");
    expect(pythonBytesRepr(new TextEncoder().encode("it's"))).toBe('b"it\'s"');
    expect(pythonBytesRepr(new TextEncoder().encode('He\n'))).toBe("b'He\\n'");
    expect(pythonBytesRepr(new Uint8Array())).toBe("b''");
  });

  it('agrees with CPython repr() on random bytes', () => {
    const samples: Uint8Array[] = fc.sample(fc.uint8Array({ maxLength: 24 }), 300);
    samples.push(new TextEncoder().encode(`'"\\`), new TextEncoder().encode(`'`), fromHex('27225c0d09'));
    const script = 'import sys\nfor line in sys.stdin.read().split():\n    print(repr(bytes.fromhex(line[1:])))';
    const input = samples.map((s) => 'x' + toHex(s)).join('\n');
    const python = execFileSync('python3', ['-c', script], { input }).toString().replace(/\n$/, '').split('\n');
    expect(samples.map(pythonBytesRepr)).toEqual(python);
  });
});

describe('pythonStrRepr', () => {
  it('quotes hosts as Python prints address tuples', () => {
    expect(pythonStrRepr('127.0.0.1')).toBe("'127.0.0.1'");
    expect(pythonStrRepr("it's")).toBe('"it\'s"');
  });
});
