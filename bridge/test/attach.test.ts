// `pnpm lab run --attach`: a program started in a terminal shows in the newest open page's
// Programs lab, its output stays in the terminal, and `lab run` exits with its status. The attach
// socket is this user's alone, and a second bridge cannot take it over.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachPoint } from '../src/labs/programs/attach.ts';
import { ProgramsLab } from '../src/labs/programs/programs-lab.ts';
import { CollectingSink, labContext } from './harness.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cleanup: Array<{ close(): void }> = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c.close();
});

function page(attach: AttachPoint) {
  const sink = new CollectingSink();
  const { ctx } = labContext(sink, undefined, 'programs');
  const lab = new ProgramsLab(ctx, null, 'python3', attach);
  cleanup.push(lab);
  return { sink, lab };
}

/** `lab run --attach -- argv` in a terminal of its own: its stdout, stderr and exit status. */
function attachRun(socket: string, argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', '--attach', '--', ...argv], {
    cwd: bridgeDir,
    env: { ...process.env, SOCKET_LAB_ATTACH: socket },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const socketPath = () => path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-attach-')), 'private', 'attach.sock');

describe('lab run --attach', () => {
  it('the newest page sees the program\'s calls and prints; the terminal keeps its output and gets its exit status', async () => {
    const at = socketPath();
    const attach = await AttachPoint.open(at, () => {});
    cleanup.push(attach);
    const older = page(attach);
    const newer = page(attach);
    expect(newer.lab.state().attach?.env).toMatch(new RegExp(`^PYTHONPATH=\\S+/tracer SOCKET_LAB_TRACE=${at} `));
    const script = path.join(path.dirname(at), '..', 'mine.py');
    writeFileSync(script, 'import socket, sys\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(("127.0.0.1", 0))\nprint("bound", s.getsockname()[0])\ns.close()\nsys.exit(3)\n');
    const run = await attachRun(at, ['python3', script]);
    expect([run.code, run.stdout]).toEqual([3, 'bound 127.0.0.1\n']);
    const ev = await newer.sink.until((e) => e.some((x) => x.op === 'exit'), 'the attached program ended');
    expect(ev.map((e) => e.op)).toEqual(['start', 'socket', 'bind', 'output', 'close', 'exit']);
    expect(ev.find((e) => e.op === 'bind')!.where?.code).toBe('s.bind(("127.0.0.1", 0))');
    expect(ev.find((e) => e.op === 'output')!.output).toEqual({ stream: 'stdout', text: 'bound 127.0.0.1' });
    expect(older.sink.events).toEqual([]);
    // The newest page closes: the next program goes to the one still open.
    newer.lab.close();
    expect((await attachRun(at, ['python3', script])).code).toBe(3);
    await older.sink.until((e) => e.some((x) => x.op === 'exit'), 'the older page got the next one');
  }, 60_000);

  it('says how to start the lab when none listens, and exits 2', async () => {
    const run = await attachRun(socketPath(), ['python3', '-c', 'print(1)']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lab run --attach: no Socket Lab listens at .*attach\.sock: start it with `pnpm start`, open the page, then run this again\n$/);
  });

  it('a second bridge cannot take the socket; one left by a bridge that died is replaced; a folder others may enter is refused', async () => {
    const at = socketPath();
    const first = await AttachPoint.open(at, () => {});
    await expect(AttachPoint.open(at, () => {})).rejects.toThrow(`another Socket Lab already listens at ${at}`);
    first.close();
    // A file nobody listens on (a bridge that was killed left it): the next bridge listens there.
    mkdirSync(path.dirname(at), { mode: 0o700, recursive: true });
    writeFileSync(at, '');
    const second = await AttachPoint.open(at, () => {});
    cleanup.push(second);
    const open = path.join(mkdtempSync(path.join(tmpdir(), 'socket-lab-attach-')), 'shared');
    mkdirSync(open);
    chmodSync(open, 0o755);
    await expect(AttachPoint.open(path.join(open, 'attach.sock'), () => {})).rejects.toThrow(/is not a private folder of this user's \(it must be mode 0700\)/);
  });
});
