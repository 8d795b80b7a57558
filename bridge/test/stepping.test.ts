// Step mode over a real session: a server recv happens only when a step is given, one per step.
import dgram from 'node:dgram';
import net from 'node:net';
import { MAX_HELD_DATAGRAMS, type SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { session } from './session-harness.ts';

const recvs = (events: SocketEvent[]) => events.filter((e) => e.role === 'peer' && e.op === 'recv');

describe('step mode', () => {
  it('reads a 30-byte frame at recv(4) one read per step, losing and repeating nothing', async () => {
    const t = session();
    await t.send({ type: 'command', lab: 'length-prefix', command: { op: 'set-bufsize', bufsize: 4 } });
    await t.send({ type: 'command', lab: 'length-prefix', command: { op: 'start-server', host: '127.0.0.1', port: 0 } });
    const port = await t.until(() => t.events().find((e) => e.op === 'listen')?.local?.[1]);
    await t.send({ type: 'step-mode', mode: 'step' });
    const frame = Buffer.concat([Buffer.from('0000001e', 'hex'), Buffer.from('Four score and seven years ago')]);
    const client = net.connect(port, '127.0.0.1', () => client.write(frame));
    // The server's recv is held: it shows as pending with the bytes that arrived.
    const pending = await t.until(() => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m && m.type === 'stepper' && m.pending.length > 0 && m.pending[0]!.waiting >= 4 ? m.pending[0] : undefined;
    });
    expect(pending).toMatchObject({ lab: 'length-prefix', op: 'recv', arg: 4 });
    expect(recvs(t.events())).toHaveLength(0);
    for (let step = 1; step <= 5; step++) {
      await t.send({ type: 'step' });
      await t.until(() => (recvs(t.events()).length === step ? true : undefined));
      // Exactly one read per step: the next one waits again.
      await t.until(() => {
        const m = t.messages.findLast((x) => x.type === 'stepper');
        return m && m.type === 'stepper' && m.pending.length === 1 ? true : undefined;
      });
      expect(recvs(t.events())).toHaveLength(step);
    }
    await t.send({ type: 'step-mode', mode: 'run' });
    await t.until(() => (t.events().some((e) => e.op === 'sendall' && e.role === 'peer') ? true : undefined));
    const got = Buffer.concat(recvs(t.events()).map((e) => Buffer.from(e.hex, 'hex')));
    expect(got.equals(frame)).toBe(true);
    expect(recvs(t.events()).every((e) => e.size <= 4)).toBe(true);
    client.destroy();
    t.s.close();
  });

  it('holds every call of TCP echo, sends and client reads included: one call per step, bytes intact', async () => {
    const t = session();
    const cmd = (command: Record<string, unknown>) => t.send({ type: 'command', lab: 'tcp-echo', command });
    await cmd({ op: 'set-bufsize', bufsize: 4 });
    await cmd({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 });
    const port = await t.until(() => t.events().find((e) => e.op === 'listen')?.local?.[1]);
    await cmd({ op: 'connect', host: '127.0.0.1', port });
    await t.until(() => (t.events().some((e) => e.op === 'accept') ? true : undefined));
    await t.send({ type: 'step-mode', mode: 'step' });
    const pending = () => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m && m.type === 'stepper' ? m.pending : [];
    };
    const calls = () => t.events().filter((e) => e.op === 'recv' || e.op === 'sendall');
    // Not awaited: the command finishes only when its sendall is stepped.
    void cmd({ op: 'sendall', socket: 'client-1', hex: Buffer.from('Hello World').toString('hex') });
    await t.until(() => (pending().some((p) => p.op === 'sendall' && p.socket === 'client-1') ? true : undefined));
    expect(pending()).toEqual([{ socket: 'client-1', lab: 'tcp-echo', op: 'sendall', arg: 11, waiting: 0 }]);
    expect(calls()).toHaveLength(0);
    const clientGot = () => Buffer.concat(calls().filter((e) => e.socket === 'client-1' && e.op === 'recv').map((e) => Buffer.from(e.hex, 'hex'))).toString();
    let steps = 0;
    while (clientGot() !== 'Hello World') {
      expect(pending().length).toBeGreaterThan(0);
      await t.send({ type: 'step' });
      steps++;
      await t.until(() => (calls().length === steps ? true : undefined));
      // The next call waits again (or all is done): nothing ran without a step.
      await t.until(() => (pending().length > 0 || clientGot() === 'Hello World' ? true : undefined));
      expect(calls()).toHaveLength(steps);
    }
    const ops = calls().map((e) => `${e.socket} ${e.op} ${e.size}`);
    expect(ops[0]).toBe('client-1 sendall 11');
    expect(ops.filter((o) => o.includes(' recv ')).every((o) => Number(o.split(' ')[2]) <= 4)).toBe(true);
    const peerGot = Buffer.concat(calls().filter((e) => e.role === 'peer' && e.op === 'recv').map((e) => Buffer.from(e.hex, 'hex'))).toString();
    expect(peerGot).toBe('Hello World');
    // The client's reads were stepped too: at least three of them, at most 4 bytes each.
    expect(ops.filter((o) => o.startsWith('client-1 recv')).length).toBeGreaterThanOrEqual(3);
    t.s.close();
  });

  it('holds UDP echo too: sendto, recvfrom, the echo and its recvfrom, one per step, datagrams whole and in order', async () => {
    const t = session();
    const cmd = (command: Record<string, unknown>) => t.send({ type: 'command', lab: 'udp-echo', command });
    await cmd({ op: 'start-server', host: '127.0.0.1', port: 0 });
    const port = await t.until(() => t.events().find((e) => e.op === 'bind')?.local?.[1]);
    await t.send({ type: 'step-mode', mode: 'step' });
    const pending = () => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m && m.type === 'stepper' ? m.pending : [];
    };
    const calls = () => t.events().filter((e) => e.op === 'recvfrom' || e.op === 'sendto');
    void cmd({ op: 'sendto', hex: Buffer.from('This is a test').toString('hex') });
    await t.until(() => (pending().some((p) => p.op === 'sendto') ? true : undefined));
    expect(pending()).toEqual([{ socket: 'client-1', lab: 'udp-echo', op: 'sendto', arg: 14, waiting: 0 }]);
    for (let step = 1; step <= 4; step++) {
      expect(calls()).toHaveLength(step - 1);
      await t.send({ type: 'step' });
      await t.until(() => (calls().length === step ? true : undefined));
      if (step < 4) await t.until(() => (pending().length > 0 ? true : undefined));
    }
    expect(calls().map((e) => `${e.socket} ${e.op} ${Buffer.from(e.hex, 'hex').toString()}`)).toEqual([
      'client-1 sendto This is a test',
      'server-1 recvfrom This is a test',
      'server-1 sendto This is a test',
      'client-1 recvfrom This is a test',
    ]);

    // Datagrams from outside queue behind a held recvfrom, in order; each step reads one.
    const peer = dgram.createSocket('udp4');
    for (const text of ['one', 'two', 'three']) peer.send(text, port, '127.0.0.1');
    const held = await t.until(() => pending().find((p) => p.op === 'recvfrom' && p.socket === 'server-1' && p.datagrams?.queued === 3));
    expect(held).toMatchObject({ arg: 1024, waiting: 3, datagrams: { queued: 3, dropped: 0 } });
    const serverGot = () => t.events().filter((e) => e.socket === 'server-1' && e.op === 'recvfrom').map((e) => Buffer.from(e.hex, 'hex').toString());
    await t.send({ type: 'step' });
    await t.until(() => (serverGot().length === 2 ? true : undefined));
    await t.send({ type: 'step-mode', mode: 'run' });
    await t.until(() => (serverGot().length === 4 ? true : undefined));
    expect(serverGot()).toEqual(['This is a test', 'one', 'two', 'three']);
    peer.close();
    t.s.close();
  });

  it('keeps at most 256 datagrams for a held recvfrom and counts the rest as dropped, keeping order', async () => {
    const t = session();
    await t.send({ type: 'command', lab: 'udp-echo', command: { op: 'start-server', host: '127.0.0.1', port: 0 } });
    const port = await t.until(() => t.events().find((e) => e.op === 'bind')?.local?.[1]);
    await t.send({ type: 'step-mode', mode: 'step' });
    const peer = dgram.createSocket('udp4');
    const datagrams = () => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m?.type === 'stepper' ? m.pending.find((c) => c.op === 'recvfrom')?.datagrams : undefined;
    };
    // In batches that the kernel's receive buffer takes whole: only the bridge's cap may drop.
    for (let batch = 0; batch < 3; batch++) {
      for (let i = batch * 100; i < (batch + 1) * 100; i++) peer.send(String(i), port, '127.0.0.1');
      await t.until(() => {
        const d = datagrams();
        return d && d.queued + d.dropped === (batch + 1) * 100 ? true : undefined;
      });
    }
    expect(datagrams()).toEqual({ queued: MAX_HELD_DATAGRAMS, dropped: 300 - MAX_HELD_DATAGRAMS });
    await t.send({ type: 'step-mode', mode: 'run' });
    const got = () => t.events().filter((e) => e.socket === 'server-1' && e.op === 'recvfrom').map((e) => Buffer.from(e.hex, 'hex').toString());
    await t.until(() => (got().length >= MAX_HELD_DATAGRAMS ? true : undefined));
    expect(got().slice(0, MAX_HELD_DATAGRAMS)).toEqual(Array.from({ length: MAX_HELD_DATAGRAMS }, (_, i) => String(i)));
    peer.close();
    t.s.close();
  });

  it('add-one in step mode: the exchange is four steps, and the 2 s timeout does not run out while a call is held', async () => {
    const t = session();
    const cmd = (command: Record<string, unknown>) => t.send({ type: 'command', lab: 'add-one', command });
    await cmd({ op: 'start-server', host: '127.0.0.1', port: 0 });
    await t.send({ type: 'step-mode', mode: 'step' });
    const pending = () => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m && m.type === 'stepper' ? m.pending : [];
    };
    void cmd({ op: 'send', value: 41 });
    const ops: string[] = [];
    while (!t.events().some((e) => e.op === 'recvfrom' && e.role === 'client')) {
      const p = await t.until(() => pending()[0]);
      ops.push(`${p.socket} ${p.op}`);
      const before = t.events().length;
      await t.send({ type: 'step' });
      await t.until(() => (t.events().length > before ? true : undefined));
    }
    expect(ops).toEqual(['client-1 sendto', 'server-1 recvfrom', 'server-1 sendto', 'client-1 recvfrom']);
    const state = await t.until(() => {
      const m = t.messages.findLast((x) => x.type === 'state' && x.lab === 'add-one');
      return m?.type === 'state' && JSON.stringify(m.state).includes('41 + 1 = 42') ? m : undefined;
    });
    expect(JSON.stringify(state)).not.toContain('TimeoutError');
    t.s.close();
  });

  it('releases the held call the lecturer chooses, not only the oldest: two clients\' sendalls, the second one first', async () => {
    const t = session();
    const cmd = (command: Record<string, unknown>) => t.send({ type: 'command', lab: 'tcp-echo', command });
    await cmd({ op: 'start-server', host: '127.0.0.1', port: 0, backlog: 5 });
    const port = await t.until(() => t.events().find((e) => e.op === 'listen')?.local?.[1]);
    await cmd({ op: 'connect', host: '127.0.0.1', port });
    await cmd({ op: 'connect', host: '127.0.0.1', port });
    await t.until(() => (t.events().filter((e) => e.op === 'accept').length === 2 ? true : undefined));
    await t.send({ type: 'step-mode', mode: 'step' });
    const pending = () => {
      const m = t.messages.findLast((x) => x.type === 'stepper');
      return m && m.type === 'stepper' ? m.pending : [];
    };
    void cmd({ op: 'sendall', socket: 'client-1', hex: Buffer.from('one').toString('hex') });
    await t.until(() => (pending().some((p) => p.socket === 'client-1') ? true : undefined));
    void cmd({ op: 'sendall', socket: 'client-2', hex: Buffer.from('two').toString('hex') });
    await t.until(() => (pending().some((p) => p.socket === 'client-2') ? true : undefined));
    expect(pending().map((p) => `${p.socket} ${p.op}`)).toEqual(['client-1 sendall', 'client-2 sendall']);
    await t.send({ type: 'step', socket: 'client-2' });
    const sent = await t.until(() => t.events().find((e) => e.op === 'sendall'));
    expect(sent).toMatchObject({ socket: 'client-2', size: 3 });
    // client-1's call still waits, and its bytes have not moved.
    await t.until(() => (pending().some((p) => p.socket === 'client-1' && p.op === 'sendall') ? true : undefined));
    expect(t.events().filter((e) => e.op === 'sendall').map((e) => e.socket)).toEqual(['client-2']);
    await t.send({ type: 'step', socket: 'client-9' });
    const err = await t.until(() => t.messages.find((m) => m.type === 'error'));
    expect(err).toMatchObject({ code: 'not-found', message: 'client-9 has no call waiting for a step' });
    await t.send({ type: 'step-mode', mode: 'run' });
    await t.until(() => (t.events().filter((e) => e.op === 'sendall' && e.role === 'client').length === 2 ? true : undefined));
    t.s.close();
  });

  it('says so when nothing waits for a step', async () => {
    const t = session();
    await t.send({ type: 'step-mode', mode: 'step' });
    await t.send({ type: 'step' });
    const err = await t.until(() => t.messages.find((m) => m.type === 'error'));
    expect(err).toMatchObject({ code: 'not-found', message: 'nothing is waiting for a step' });
    t.s.close();
  });
});
