// The /proc/net parser on literal lines, as this kernel writes them, for IPv4, IPv6 and every TCP state.
import { TCP_STATES } from '@socket-lab/protocol';
import { describe, expect, it } from 'vitest';
import { parseProcAddress, parseProcNet } from './proc-net.ts';

const HEAD4 = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const HEAD6 = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';

describe('/proc/net/tcp', () => {
  it('reads addresses in host byte order and ports in hex', () => {
    expect(parseProcAddress('0100007F:FFF0')).toEqual(['127.0.0.1', 65520]);
    expect(parseProcAddress('00000000:0000')).toEqual(['0.0.0.0', 0]);
    expect(parseProcAddress('0101A8C0:0016')).toEqual(['192.168.1.1', 22]);
  });

  it('reads IPv6 addresses word by word, and writes them as Python does', () => {
    expect(parseProcAddress('00000000000000000000000001000000:FFF0')).toEqual(['::1', 65520]);
    expect(parseProcAddress('00000000000000000000000000000000:0050')).toEqual(['::', 80]);
    expect(parseProcAddress('0000000000000000FFFF00000100007F:1F90')).toEqual(['::ffff:127.0.0.1', 8080]);
    expect(parseProcAddress('000080FE00000000FF005450B7E2F6FE:0016')).toEqual(['fe80::5054:ff:fef6:e2b7', 22]);
  });

  it('reads a LISTEN row and an ESTABLISHED row with 7 bytes waiting to be read', () => {
    const text = [
      HEAD4,
      '   0: 0100007F:FFF0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:FFF0 0100007F:D431 01 00000000:00000007 00:00000000 00000000     0        0 123457 1 0000000000000000 20 4 30 10 -1',
      '   2: 0100007F:D431 0100007F:FFF0 01 0000000B:00000000 01:00000014 00000000     0        0 123458 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    expect(parseProcNet(text)).toEqual([
      { local: ['127.0.0.1', 65520], remote: ['0.0.0.0', 0], state: 'LISTEN', sendQueue: 0, recvQueue: 0, inode: 123456, timeWaitLeft: null, retransmits: 0 },
      { local: ['127.0.0.1', 65520], remote: ['127.0.0.1', 54321], state: 'ESTABLISHED', sendQueue: 0, recvQueue: 7, inode: 123457, timeWaitLeft: null, retransmits: 0 },
      { local: ['127.0.0.1', 54321], remote: ['127.0.0.1', 65520], state: 'ESTABLISHED', sendQueue: 11, recvQueue: 0, inode: 123458, timeWaitLeft: null, retransmits: 0 },
    ]);
  });

  it('names every state the kernel writes, 01 to 0C', () => {
    const lines = TCP_STATES.map((_, i) => `   ${i}: 0100007F:0050 0100007F:9C40 ${(i + 1).toString(16).toUpperCase().padStart(2, '0')} 00000000:00000000 00:00000000 00000000     0        0 0 1`);
    expect(parseProcNet([HEAD4, ...lines].join('\n')).map((r) => r.state)).toEqual([
      'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING', 'NEW_SYN_RECV',
    ]);
  });

  it('reads tcp6 rows', () => {
    const text = [HEAD6, '   0: 00000000000000000000000001000000:FFF0 00000000000000000000000001000000:C350 08 00000000:0000000B 00:00000000 00000000     0        0 99 1 0000000000000000 20 4 0 10 -1'].join('\n');
    expect(parseProcNet(text)).toEqual([{ local: ['::1', 65520], remote: ['::1', 50000], state: 'CLOSE_WAIT', sendQueue: 0, recvQueue: 11, inode: 99, timeWaitLeft: null, retransmits: 0 }]);
  });

  it("reads a TIME_WAIT's timer: 0x1676 clock ticks are 57.5 s left (the row a closed socket leaves has no inode)", () => {
    const text = [HEAD4, '   5: 0100007F:8ED1 0100007F:8A18 06 00000000:00000000 03:00001676 00000000     0        0 0 3 00000000c5114c4e'].join('\n');
    expect(parseProcNet(text)).toEqual([{ local: ['127.0.0.1', 36561], remote: ['127.0.0.1', 35352], state: 'TIME_WAIT', sendQueue: 0, recvQueue: 0, inode: 0, timeWaitLeft: 57.5, retransmits: 0 }]);
  });

  it("reads a SYN_SENT's retries: its SYN sent again twice (retrnsmt 2), on the retransmit timer", () => {
    const text = [HEAD4, '   3: 0100007F:B3A2 0100007F:FFF0 02 00000001:00000000 01:000000B4 00000002     0        0 7777 1 0000000000000000 800 0 0 1 7'].join('\n');
    expect(parseProcNet(text)).toEqual([{ local: ['127.0.0.1', 45986], remote: ['127.0.0.1', 65520], state: 'SYN_SENT', sendQueue: 1, recvQueue: 0, inode: 7777, timeWaitLeft: null, retransmits: 2 }]);
  });

  it('skips the header, blank and short lines', () => {
    expect(parseProcNet(`${HEAD4}\n\n  garbage\n`)).toEqual([]);
  });
});
