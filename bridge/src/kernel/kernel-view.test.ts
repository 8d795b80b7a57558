// rowIndex on literal /proc/net/tcp and tcp6 lines: it finds what a scan of the rows finds.
import type { Address } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { isRowOf, rowIndex, rowOf } from './kernel-view.ts';
import { parseProcNet, type ProcRow } from './proc-net.ts';

const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const V4 = [
  // 127.0.0.1:65520 listening (inode 1), its connection from :54321 (inode 2), and a TIME_WAIT of an
  // earlier connection on the same ports (inode 0), listed after it.
  '   0: 0100007F:FFF0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
  '   1: 0100007F:FFF0 0100007F:D431 01 00000000:00000007 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1',
  '   2: 0100007F:FFF0 0100007F:D431 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000',
];
// ::ffff:127.0.0.1:8080 listening on an IPv6 socket (inode 5).
const V6 = ['   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0 100 0 0 10 0'];

const scan = (rows: ProcRow[], local: Address, remote: Address | null) => rows.find((r) => isRowOf(r, local, remote));

describe('rowIndex', () => {
  const rows = [...parseProcNet([HEAD, ...V4].join('\n')), ...parseProcNet([HEAD, ...V6].join('\n'))];
  const ix = rowIndex(rows);

  it('finds a connection, a listener and an inode as a scan does (the first matching row)', () => {
    const cases: Array<[Address, Address | null]> = [
      [['127.0.0.1', 65520], ['127.0.0.1', 54321]],
      [['127.0.0.1', 65520], null],
      [['::ffff:127.0.0.1', 65520], ['127.0.0.1', 54321]],
      [['127.0.0.1', 8080], null],
      [['127.0.0.1', 54321], ['127.0.0.1', 65520]],
      [['127.0.0.1', 1], null],
    ];
    for (const [local, remote] of cases) expect(rowOf(ix, local, remote)).toBe(scan(rows, local, remote));
    expect(rowOf(ix, ['127.0.0.1', 65520], ['127.0.0.1', 54321])!.state).toBe('ESTABLISHED');
    expect(rowOf(ix, ['127.0.0.1', 8080], null)!.inode).toBe(5);
    expect(rowOf(ix, ['127.0.0.1', 1], null)).toBeUndefined();
    expect(ix.byInode.get(2)!.recvQueue).toBe(7);
  });

  it('is made once per reading', () => {
    expect(rowIndex(rows)).toBe(ix);
    expect(rowIndex([...rows])).not.toBe(ix);
  });
});
