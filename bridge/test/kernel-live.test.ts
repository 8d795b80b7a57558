// The kernel's view between events, in a real session: seed 000's TCP server, traced and paused
// before its recv, leaves the client's bytes in the kernel's receive queue, and the page is told
// so while nothing happens; the step's recv empties it. The oracle is /proc itself.
import net from 'node:net';
import { readFileSync } from 'node:fs';
import type { LiveKernel } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { parseProcNet } from '../src/kernel/proc-net.ts';
import { freePort } from './bridge-child.ts';
import { session } from './session-harness.ts';

describe('the kernel view while nothing happens', () => {
  it('a paused program: the 30 bytes it has not read sit in the kernel, the page says so, /proc agrees; the step reads them', async () => {
    const port = await freePort();
    process.env.SOCKET_LAB_PORT = String(port);
    const t = session();
    try {
      // Paused from the start: a traced program learns the mode when it connects, before its first call.
      await t.send({ type: 'step-mode', mode: 'step' });
      await t.send({ type: 'command', lab: 'programs', command: { op: 'run', program: 'course/tcp_server.py', args: [], stdin: '' } });
      const pending = (op: string) => t.until(() => {
        const m = t.messages.findLast((x) => x.type === 'stepper');
        return m?.type === 'stepper' ? m.pending.find((p) => p.op === op) : undefined;
      });
      await pending('accept');
      await t.send({ type: 'step' });
      const client = net.connect(port, '127.0.0.1');
      await t.until(() => t.events().find((e) => e.op === 'accept'));
      // The recv is held before its syscall; only now do the bytes arrive: they stay in the kernel.
      expect(await pending('recv')).toMatchObject({ lab: 'programs', arg: 1024, waiting: 0 });
      client.write('Four score and seven years ago');
      const live = (pick: (k: LiveKernel[]) => LiveKernel | undefined) =>
        t.until(() => {
          const m = t.messages.findLast((x) => x.type === 'kernel');
          return m?.type === 'kernel' ? pick(m.sockets) : undefined;
        });
      const waiting = await live((s) => s.find((k) => k.state === 'ESTABLISHED' && k.recvQueue === 30));
      expect(waiting!.socket).toBe(t.events().find((e) => e.op === 'accept')!.socket);
      const rows = parseProcNet(readFileSync('/proc/net/tcp', 'utf8'));
      expect(rows.some((r) => r.local[1] === port && r.remote[1] === client.localPort && r.recvQueue === 30)).toBe(true);
      await t.send({ type: 'step-mode', mode: 'run' });
      await t.until(() => t.events().find((e) => e.op === 'recv' && e.size === 30));
      await live((s) => s.find((k) => k.socket === waiting!.socket && k.recvQueue === 0));
      client.destroy();
    } finally {
      delete process.env.SOCKET_LAB_PORT;
      t.s.close();
    }
  });
});
