// Step mode holds a traced program's calls too: the program waits before the syscall, so nothing
// reaches the network until Step, one call per step; Run lets it finish.
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerMessage } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { Session } from '../src/session.ts';

describe('step mode and a traced program', () => {
  it('each sendto of a student\'s program waits for its step; nothing is sent before', async () => {
    const receiver = dgram.createSocket('udp4');
    const got: string[] = [];
    const arrivals: Array<() => void> = [];
    receiver.on('message', (m) => (got.push(m.toString()), arrivals.splice(0).forEach((a) => a())));
    await new Promise<void>((r) => receiver.bind(0, '127.0.0.1', () => r()));
    const port = receiver.address().port;
    const folder = mkdtempSync(path.join(tmpdir(), 'socket-lab-step-'));
    writeFileSync(
      path.join(folder, 'three.py'),
      `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor word in ('a', 'bb', 'ccc'):\n    s.sendto(word.encode(), ('127.0.0.1', ${port}))\n`,
    );

    const messages: ServerMessage[] = [];
    const waiters: Array<() => void> = [];
    const session = new Session('t', { send: (text, done) => (messages.push(JSON.parse(text) as ServerMessage), waiters.splice(0).forEach((w) => w()), done()), bufferedAmount: 0, open: true }, undefined, undefined, { programs: folder });
    const until = <T>(pick: () => T | undefined, what: string) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20_000);
        const check = () => {
          const v = pick();
          if (v === undefined) return void waiters.push(check);
          clearTimeout(timer);
          resolve(v);
        };
        check();
      });
    const held = () => {
      const m = messages.findLast((x) => x.type === 'stepper');
      return m?.type === 'stepper' ? m.pending : [];
    };
    let id = 0;
    const send = (m: Record<string, unknown>) => session.receive(JSON.stringify({ ...m, id: ++id }));
    try {
      await send({ type: 'step-mode', mode: 'step' });
      await send({ type: 'command', lab: 'programs', command: { op: 'run', program: 'folder/three.py', args: [], stdin: '' } });
      for (const word of ['a', 'bb']) {
        // Each word has its own length, so the held call of this word is told from the last one's.
        const call = await until(() => held().find((p) => p.op === 'sendto' && p.arg === word.length), `the held sendto of ${word}`);
        expect(call).toMatchObject({ lab: 'programs', op: 'sendto' });
        // Held before the syscall: the receiver has nothing of this word yet.
        expect(got).toEqual(word === 'a' ? [] : ['a']);
        await send({ type: 'step' });
        await new Promise<void>((r) => (got.includes(word) ? r() : arrivals.push(r)));
      }
      await send({ type: 'step-mode', mode: 'run' });
      await until(() => (got.length === 3 ? true : undefined), 'the third datagram once running');
      expect(got).toEqual(['a', 'bb', 'ccc']);
    } finally {
      session.close();
      receiver.close();
    }
  });
});
