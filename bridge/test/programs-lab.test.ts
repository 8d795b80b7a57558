// The Programs lab as the page drives it: only listed programs run, never a path the page sends;
// a run's calls and prints arrive as events; Stop and the page's close end the whole process group.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgramsState } from '@socket-lab/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgramsLab } from '../src/labs/programs/programs-lab.ts';
import { CollectingSink, labContext } from './harness.ts';
import { alive, freePort } from './bridge-child.ts';

const labs: ProgramsLab[] = [];
afterEach(() => {
  for (const l of labs.splice(0)) l.close();
});

function lab(folder: string | null = null) {
  const sink = new CollectingSink();
  const states: ProgramsState[] = [];
  const { ctx } = labContext(sink, undefined, 'programs');
  let self: ProgramsLab;
  const l = new ProgramsLab({ ...ctx, publish: () => states.push(self.state()) }, folder);
  self = l;
  labs.push(l);
  return { sink, l, states };
}


describe('Programs lab', () => {
  it('lists the course programs and the launch folder\'s .py files, and runs nothing else', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'socket-lab-programs-'));
    writeFileSync(path.join(folder, 'mine.py'), 'print("mine")\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'not a program');
    const { l } = lab(folder);
    const ids = l.state().programs.map((p) => p.id);
    expect(ids).toContain('course/tcp_server.py');
    expect(ids).toContain('folder/mine.py');
    expect(ids).not.toContain('folder/notes.txt');
    for (const program of ['../../../../bin/sh', '/bin/sh', 'course/../../cli.ts', 'folder/notes.txt', 'folder/../x.py']) {
      await expect(l.handle({ op: 'run', program, args: [], stdin: '' })).rejects.toThrow(/the lab runs only its own programs/);
    }
  });

  it('runs seed 000\'s UDP server and client: their calls, their prints, their exits', async () => {
    const port = await freePort();
    process.env.SOCKET_LAB_PORT = String(port);
    try {
      const { sink, l } = lab();
      await l.handle({ op: 'run', program: 'course/udp_server.py', args: [], stdin: '' });
      await sink.until((ev) => ev.some((e) => e.op === 'bind' && e.local?.[1] === port), 'the server bound');
      await l.handle({ op: 'run', program: 'course/udp_client.py', args: ['This is a test'], stdin: '' });
      const ev = await sink.until((e) => e.filter((x) => x.op === 'exit').length === 2, 'both exits');
      const got = ev.find((e) => e.op === 'recvfrom')!;
      expect(Buffer.from(got.hex, 'hex').toString()).toBe('This is a test');
      const sent = ev.find((e) => e.op === 'sendto')!;
      expect(got.remote).toEqual(['127.0.0.1', sent.local![1]]);
      expect(ev.find((e) => e.op === 'output')?.output?.text).toBe(`IP: 127.0.0.1 Port: ${sent.local![1]} Message: This is a test`);
      expect(l.state().runs.map((r) => [r.program, r.running, r.exit?.code])).toEqual([
        ['course/udp_server.py', false, 0],
        ['course/udp_client.py', false, 0],
      ]);
    } finally {
      delete process.env.SOCKET_LAB_PORT;
    }
  });

  it('two programs printing the same words: each line once, with its own pid (a forked child\'s too)', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'socket-lab-programs-'));
    writeFileSync(path.join(folder, 'same.py'), 'import os\nif os.fork() == 0:\n    print("from the child")\n    os._exit(0)\nos.wait()\nprint("the same words")\n');
    const { sink, l } = lab(folder);
    await l.handle({ op: 'run', program: 'folder/same.py', args: [], stdin: '' });
    await l.handle({ op: 'run', program: 'folder/same.py', args: [], stdin: '' });
    const ev = await sink.until((e) => e.filter((x) => x.op === 'exit').length === 2, 'both exits');
    const pids = l.state().runs.map((r) => r.pid);
    const same = ev.filter((e) => e.output?.text === 'the same words');
    expect(same.map((e) => e.pid).sort()).toEqual([...pids].sort());
    const children = ev.filter((e) => e.output?.text === 'from the child');
    expect(children).toHaveLength(2);
    expect(children.every((e) => !pids.includes(e.pid!))).toBe(true);
  });

  it('Stop ends the program and the children it forked; closing the page ends every run', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'socket-lab-programs-'));
    writeFileSync(path.join(folder, 'forker.py'), 'import os, time\nif os.fork() == 0:\n    print("child", os.getpid(), flush=True)\n    time.sleep(600)\ntime.sleep(600)\n');
    const { sink, l } = lab(folder);
    await l.handle({ op: 'run', program: 'folder/forker.py', args: [], stdin: '' });
    const child = Number((await sink.until((ev) => ev.some((e) => e.output?.text.startsWith('child')), 'the child')).find((e) => e.output?.text.startsWith('child'))!.output!.text.split(' ')[1]);
    const parent = l.state().runs[0]!.pid!;
    expect(alive(child) && alive(parent)).toBe(true);
    await l.handle({ op: 'stop', run: l.state().runs[0]!.run });
    await expect.poll(() => alive(child) || alive(parent), { timeout: 10_000 }).toBe(false);

    await l.handle({ op: 'run', program: 'folder/forker.py', args: [], stdin: '' });
    const second = Number((await sink.until((ev) => ev.filter((e) => e.output?.text.startsWith('child')).length === 2, 'the second child')).filter((e) => e.output?.text.startsWith('child'))[1]!.output!.text.split(' ')[1]);
    l.close();
    await expect.poll(() => alive(second), { timeout: 10_000 }).toBe(false);
  });
});
