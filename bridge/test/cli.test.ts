// `lab serve` as a TA would run it: a child process, JSON Lines on stdout, SIGTERM to stop.
import { execFileSync, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socketEventSchema, type SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { pythonServer } from './python-peer.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: bridgeDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    listeners.forEach((l) => l());
  });
  const until = (check: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${stderr}`)), 10_000);
      listeners.push(() => check() && (clearTimeout(timer), resolve()));
    });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, until, exit, out: () => stdout, err: () => stderr };
}

describe('pnpm lab serve tcp-echo', () => {
  it('prints one valid JSON event per line and stops cleanly on SIGTERM', async () => {
    const cli = runCli(['serve', 'tcp-echo', '--port', '0', '--bufsize', '4']);
    await cli.until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.err()), 'the listening line');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.err())![1]);
    const sock = net.connect(port, '127.0.0.1', () => sock.end('Hello World'));
    sock.resume();
    const events = () =>
      cli
        .out()
        .split('\n')
        .filter(Boolean)
        .map((l) => socketEventSchema.parse(JSON.parse(l)) as SocketEvent);
    await cli.until(() => events().some((e) => e.op === 'close' && e.role === 'peer'), 'the peer closing');
    const evs = events();
    expect(evs.slice(0, 2).map((e) => e.op)).toEqual(['bind', 'listen']);
    const recvs = evs.filter((e) => e.op === 'recv');
    expect(recvs.map((e) => e.size)).toEqual([4, 4, 3, 0]);
    expect(recvs.every((e) => e.arg === 4)).toBe(true);
    expect(recvs.map((e) => e.hex).join('')).toBe(Buffer.from('Hello World').toString('hex'));
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('refuses an unknown lab and a bad port with a clear message and exit status', async () => {
    const lab = runCli(['serve', 'ftp']);
    expect(await lab.exit).not.toBe(0);
    expect(lab.err()).toContain('unknown lab (known: tcp-echo, length-prefix, udp-echo, add-one, chat, http)');
    const port = runCli(['serve', 'tcp-echo', '--port', '70000']);
    expect(await port.exit).not.toBe(0);
    expect(port.err()).toContain('--port must be a whole number from 0 to 65535');
  });

  it('reports a port in use as Python does', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    const cli = runCli(['serve', 'tcp-echo', '--port', String((holder.address() as net.AddressInfo).port)]);
    expect(await cli.exit).toBe(1);
    holder.close();
    expect(cli.err()).toContain('OSError: [Errno 98] Address already in use');
  });
});

describe('pnpm lab serve length-prefix', () => {
  it('prints frame events with the decoded message and the reply', async () => {
    const cli = runCli(['serve', 'length-prefix', '--port', '0', '--bufsize', '4']);
    await cli.until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.err()), 'the listening line');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.err())![1]);
    const sock = net.connect(port, '127.0.0.1', () => sock.write(Buffer.from('0000001e466f75722073636f726520616e6420736576656e2079656172732061676f', 'hex')));
    sock.resume();
    await cli.until(() => cli.out().includes('"op":"sendall"'), 'the reply');
    const events = cli.out().split('\n').filter(Boolean).map((l) => socketEventSchema.parse(JSON.parse(l)));
    expect(events.find((e) => e.op === 'frame')!.frame).toMatchObject({ kind: 'message', reply: { text: ' and seven years ago' } });
    expect(events.find((e) => e.op === 'sendall')!.hex.slice(0, 8)).toBe('00000014');
    sock.destroy();
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
  });
});

describe('pnpm lab grade length-prefix', () => {
  it('prints one JSON document and exits 0 when nothing fails', async () => {
    const server = await pythonServer(256, 'none');
    try {
      const cli = runCli(['grade', 'length-prefix', '--target', `127.0.0.1:${server.port}`, '--bufsize', '256', '--json']);
      expect(await cli.exit).toBe(0);
      const report = JSON.parse(cli.out()) as { passed: number; failed: number; tests: Array<{ name: string; ok: boolean | null; detail: string }> };
      expect(report).toMatchObject({ passed: 8, failed: 0 });
      expect(report.tests).toHaveLength(9);
      for (const t of report.tests) expect(Object.keys(t)).toEqual(expect.arrayContaining(['name', 'ok', 'detail']));
    } finally {
      server.stop();
    }
  }, 120_000);

  it('prints each failure and its reason, and exits 1', async () => {
    const server = await pythonServer(256, 'little-endian');
    try {
      const cli = runCli(['grade', 'length-prefix', '--target', `127.0.0.1:${server.port}`, '--bufsize', '256']);
      expect(await cli.exit).toBe(1);
      expect(cli.out()).toContain('  FAIL  short message\n        length header looks little-endian: expected 00 00 00 16, got 16 00 00 00');
      expect(cli.out()).toMatch(/0 passed, 8 failed, 1 not run\n$/);
    } finally {
      server.stop();
    }
  }, 120_000);

  it('refuses a target that is not loopback, without a stack trace', async () => {
    const cli = runCli(['grade', 'length-prefix', '--target', '10.0.0.7:65433']);
    expect(await cli.exit).not.toBe(0);
    expect(cli.err()).toContain('"10.0.0.7" is not a loopback address');
    expect(cli.err()).not.toMatch(/\n\s+at /);
  });
});

describe('pnpm lab serve udp-echo and add-one', () => {
  it('prints recvfrom events with the address tuple and the seed line', async () => {
    const cli = runCli(['serve', 'udp-echo', '--port', '0']);
    await cli.until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.err()), 'the listening line');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.err())![1]);
    const sock = dgram.createSocket('udp4');
    sock.send('This is a test', port, '127.0.0.1');
    await cli.until(() => cli.out().includes('"op":"sendto"'), 'the echo');
    const events = cli.out().split('\n').filter(Boolean).map((l) => socketEventSchema.parse(JSON.parse(l)));
    const got = events.find((e) => e.op === 'recvfrom')!;
    expect(got.remote).toEqual(['127.0.0.1', sock.address().port]);
    expect(got.datagram!.print).toBe(`IP: 127.0.0.1 Port: ${sock.address().port} Message: This is a test`);
    sock.close();
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('add-one answers struct.pack("!h", 1) with 00 02', async () => {
    const cli = runCli(['serve', 'add-one', '--port', '0']);
    await cli.until(() => /listening on 127\.0\.0\.1:\d+/.test(cli.err()), 'the listening line');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(cli.err())![1]);
    const sock = dgram.createSocket('udp4');
    const reply = new Promise<Buffer>((r) => sock.once('message', r));
    sock.send(Buffer.from([0, 1]), port, '127.0.0.1');
    expect((await reply).toString('hex')).toBe('0002');
    sock.close();
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });
});

describe('pnpm lab pack / unpack', () => {
  it("packs the seed's '!hH?f10s' to 19 bytes, as CPython does", async () => {
    const cli = runCli(['pack', '!hH?f10s', '13', '987', 'True', '0.3871', "b'1234567890'"]);
    expect(await cli.exit).toBe(0);
    const python = execFileSync('python3', ['-c', "import struct; print(struct.pack('!hH?f10s', 13, 987, True, 0.3871, b'1234567890').hex())"]).toString();
    expect(cli.out()).toBe(python);
    expect(cli.out().trim()).toHaveLength(38);
  });

  it('takes negative numbers as values', async () => {
    const cli = runCli(['pack', '!h', '-1']);
    expect(await cli.exit).toBe(0);
    expect(cli.out()).toBe('ffff\n');
  });

  it('unpacks to one repr() per line', async () => {
    const cli = runCli(['unpack', '!hH?f10s', '000d03db01', '3ec631f9', '31323334353637383930']);
    expect(await cli.exit).toBe(0);
    expect(cli.out()).toBe("13\n987\nTrue\n0.3871000111103058\nb'1234567890'\n");
  });

  it("prints Python's struct.error on stderr and exits 1", async () => {
    const cli = runCli(['pack', '!h', '32768']);
    expect(await cli.exit).toBe(1);
    expect(cli.err()).toBe("struct.error: 'h' format requires -32768 <= number <= 32767\n");
    expect(cli.out()).toBe('');
    const short = runCli(['unpack', '!I', '00 00 04']);
    expect(await short.exit).toBe(1);
    expect(short.err()).toBe('struct.error: unpack requires a buffer of 4 bytes\n');
  });
});
