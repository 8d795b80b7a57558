import { describe, expect, it } from 'vitest';
import { packetBlock } from './pcapng-blocks.ts';

describe('packetBlock', () => {
  // Literal blocks: the header fields a reader checks, byte for byte (both written by the first
  // implementation of packetBlock, which the faster one must match).
  it('writes an IPv4 TCP packet with its timestamp split at 2^32 microseconds', () => {
    const block = packetBlock(0x100000002, '127.0.0.1', '127.0.0.2', { protocol: 6, sport: 5000, dport: 40000, seq: 0xfffffffe, ack: 7, flags: 0x18 }, Buffer.from('Hi'));
    expect(block.toString('hex')).toBe(
      '06000000' + '4c000000' + '00000000' + '01000000' + '02000000' + '2a000000' + '2a000000' +
        '4500002a00004000' + '40063ccb' + '7f000001' + '7f000002' +
        '13889c40' + 'fffffffe' + '00000007' + '5018ffff' + '00000000' + '4869' + '0000' + '4c000000',
    );
  });

  it('writes an IPv6 UDP packet, every byte not written zero', () => {
    const block = packetBlock(123456789012345, '::1', '::1', { protocol: 17, sport: 5000, dport: 40000 }, Buffer.from('abc'));
    expect(block.toString('hex')).toBe(
      '06000000' + '54000000' + '00000000' + '48700000' + '79df0d86' + '33000000' + '33000000' +
        '60000000' + '000b1140' + '00000000000000000000000000000001' + '00000000000000000000000000000001' +
        '13889c40' + '000b0000' + '616263' + '00' + '54000000',
    );
  });
});
