import { describe, expect, it } from 'vitest';
import { checkUpgrade, isLoopbackHost, makeGate, newToken, tokenMatches } from './security.ts';

describe('isLoopbackHost', () => {
  it('accepts loopback spellings', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });
  it('refuses everything else, names included', () => {
    for (const h of ['8.8.8.8', '10.0.0.1', '0.0.0.0', '::', '::ffff:10.0.0.1', 'example.com', '128.0.0.1', 'localhost.evil.com', '']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});

describe('tokenMatches', () => {
  const token = newToken();
  it('accepts only the exact token', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(token + 'x', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
  });
  it('makes a different token each launch', () => {
    expect(newToken()).not.toBe(token);
  });
});

describe('checkUpgrade', () => {
  const gate = makeGate('127.0.0.1', 5173, 'secret');
  it('lets the page through with its Host, Origin and token', () => {
    expect(checkUpgrade({ host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173' }, 'secret', gate)).toEqual({ ok: true });
    expect(checkUpgrade({ host: 'localhost:5173', origin: 'http://localhost:5173' }, 'secret', gate)).toEqual({ ok: true });
  });
  it('refuses a foreign Host with 403 before looking at the token', () => {
    expect(checkUpgrade({ host: 'evil.example:5173' }, 'secret', gate)).toMatchObject({ ok: false, status: 403 });
    expect(checkUpgrade({ host: '127.0.0.1:9999' }, 'secret', gate)).toMatchObject({ ok: false, status: 403 });
  });
  it('refuses a foreign Origin with 403', () => {
    expect(checkUpgrade({ host: '127.0.0.1:5173', origin: 'http://evil.example' }, 'secret', gate)).toMatchObject({
      ok: false,
      status: 403,
      reason: 'Origin "http://evil.example" is not allowed',
    });
  });
  it('refuses a missing or wrong token with 401', () => {
    expect(checkUpgrade({ host: '127.0.0.1:5173' }, null, gate)).toMatchObject({ ok: false, status: 401 });
    expect(checkUpgrade({ host: '127.0.0.1:5173' }, 'guess', gate)).toMatchObject({ ok: false, status: 401 });
  });
});
