// The Lifecycle moments on the wire: `lab lifecycle <moment> --pcap` captures the moment's ports on
// lo with dumpcap, and tshark finds the handshake, the FIN and the RST the lanes say happened,
// between the ports the lanes show (the kernel's segments, not the lab's reconstruction).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Moment, SocketEvent } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { runMoment } from '../src/labs/lifecycle/lab-lifecycle.ts';
import { fields } from './tshark.ts';

interface Segment {
  from: number;
  to: number;
  flags: string;
  len: number;
  /** Seconds since the epoch, as dumpcap stamped it. */
  at: number;
}

/** The moment's events (its JSON Lines) and its segments, each flagged as tshark decodes them. */
async function captured(moment: Moment, source: 'lab' | 'capture' = 'capture'): Promise<{ ev: SocketEvent[]; wire: Segment[] }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lifecycle-wire-')), `${moment}.pcapng`);
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  expect(await runMoment(moment, { json: true, out, pcap: { file, source } })).toBe(0);
  const ev = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as SocketEvent);
  const names = ['tcp.srcport', 'tcp.dstport', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.fin', 'tcp.flags.reset', 'tcp.len', 'frame.time_epoch'];
  const wire = fields(file, names).map(([from, to, syn, ack, fin, rst, len, at]) => ({
    from: Number(from),
    to: Number(to),
    flags: [syn === '1' || syn === 'True' ? 'S' : '', fin === '1' || fin === 'True' ? 'F' : '', rst === '1' || rst === 'True' ? 'R' : '', ack === '1' || ack === 'True' ? '.' : ''].join(''),
    len: Number(len),
    at: Number(at),
  }));
  return { ev, wire };
}

const between = (wire: Segment[], a: number, b: number) => wire.filter((s) => (s.from === a && s.to === b) || (s.from === b && s.to === a));

describe('Lifecycle moments on the wire (dumpcap, read back with tshark)', () => {
  it('handshake: SYN, SYN-ACK, ACK between the ports of the lanes\' connect, the kernel\'s own, with the server not yet in accept()', async () => {
    const { ev, wire } = await captured('handshake');
    const connect = ev.find((e) => e.op === 'connect')!;
    const [client, server] = [connect.local![1], connect.remote![1]];
    const conn = between(wire, client, server);
    expect(conn.slice(0, 3).map((s) => `${s.from === client ? 'C' : 'S'} ${s.flags}`)).toEqual(['C S', 'S S.', 'C .']);
    // The lanes: connect returned before accept. The wire: the handshake was over more than a second
    // before the server's first FIN, which follows its accept (the moment paused 1.5 s between).
    expect(ev.find((e) => e.op === 'accept')!.seq).toBeGreaterThan(connect.seq);
    const firstFin = conn.findIndex((s) => s.flags.includes('F'));
    expect(firstFin).toBeGreaterThan(2);
    expect(conn[firstFin]!.at - conn[2]!.at).toBeGreaterThan(1);
  });

  it('reset: the server closes with 6 bytes unread: one RST from its port, no FIN from it', async () => {
    const { ev, wire } = await captured('reset');
    const connect = ev.find((e) => e.op === 'connect')!;
    const [client, server] = [connect.local![1], connect.remote![1]];
    const conn = between(wire, client, server);
    const fromServer = conn.filter((s) => s.from === server);
    expect(fromServer.filter((s) => s.flags.includes('R'))).toHaveLength(1);
    expect(fromServer.some((s) => s.flags.includes('F'))).toBe(false);
    // The client's 11 bytes went out whole before it: the RST answers bytes the server never read.
    expect(conn.filter((s) => s.from === client).reduce((n, s) => n + s.len, 0)).toBe(11);
    expect(ev.find((e) => e.op === 'recv' && e.role === 'client')!.error?.name).toBe('ConnectionResetError');
  });

  it('fin: with everything read the server\'s close is a FIN, and no RST crosses', async () => {
    const { ev, wire } = await captured('fin');
    const connect = ev.find((e) => e.op === 'connect')!;
    const conn = between(wire, connect.local![1], connect.remote![1]);
    expect(conn.filter((s) => s.from === connect.remote![1] && s.flags.includes('F'))).toHaveLength(1);
    expect(conn.some((s) => s.flags.includes('R'))).toBe(false);
  });

  it('refused: the SYN to a port nothing listens on is answered by RST, ACK', async () => {
    const { ev, wire } = await captured('refused');
    const connect = ev.find((e) => e.op === 'connect')!;
    expect(connect.error?.name).toBe('ConnectionRefusedError');
    const port = connect.remote![1];
    expect(wire.filter((s) => s.from === port || s.to === port).map((s) => `${s.to === port ? 'C' : 'S'} ${s.flags}`)).toEqual(['C S', 'S R.']);
  });

  it("the lab's own reconstruction (Save pcapng, --pcap-source lab) tells the same: RST for the reset, FIN for the FIN, RST, ACK for the refused SYN", async () => {
    const closes = async (m: Moment) => {
      const { ev, wire } = await captured(m, 'lab');
      const connect = ev.find((e) => e.op === 'connect')!;
      const server = connect.remote![1];
      return wire.filter((s) => s.from === server && /[FR]/.test(s.flags)).map((s) => s.flags);
    };
    expect(await closes('reset')).toEqual(['R.']);
    expect(await closes('fin')).toEqual(['F.']);
    expect(await closes('refused')).toEqual(['R.']);
  });
});
