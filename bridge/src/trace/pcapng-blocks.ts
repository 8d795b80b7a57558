// pcapng blocks (IETF draft-tuexen-opsawg-pcapng): section header, interface, enhanced packet.
import { isIPv6 } from 'node:net';

const pad4 = (n: number) => (4 - (n % 4)) % 4;

function option(code: number, value: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(code, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value, Buffer.alloc(pad4(value.length))]);
}
const END_OF_OPTIONS = Buffer.alloc(4);

function block(type: number, body: Buffer): Buffer {
  const total = 12 + body.length;
  const head = Buffer.alloc(8);
  head.writeUInt32LE(type, 0);
  head.writeUInt32LE(total, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(total, 0);
  return Buffer.concat([head, body, tail]);
}

/** Section header with a comment (shown by Wireshark and `capinfos`) and the writing program. */
export function sectionHeader(comment: string): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(0x1a2b3c4d, 0);
  fixed.writeUInt16LE(1, 4);
  fixed.writeUInt16LE(0, 6);
  fixed.writeBigInt64LE(-1n, 8); // section length not known
  return block(0x0a0d0d0a, Buffer.concat([fixed, option(1, Buffer.from(comment)), option(4, Buffer.from('Socket Lab')), END_OF_OPTIONS]));
}

/** LINKTYPE_RAW: each packet starts at its IPv4 or IPv6 header. */
export function interfaceDescription(): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(101, 0);
  fixed.writeUInt32LE(0, 4);
  return block(0x00000001, Buffer.concat([fixed, option(2, Buffer.from('lo')), END_OF_OPTIONS]));
}

export function enhancedPacket(microseconds: bigint, packet: Buffer): Buffer {
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(0, 0);
  fixed.writeUInt32LE(Number(microseconds >> 32n), 4);
  fixed.writeUInt32LE(Number(microseconds & 0xffffffffn), 8);
  fixed.writeUInt32LE(packet.length, 12);
  fixed.writeUInt32LE(packet.length, 16);
  return block(0x00000006, Buffer.concat([fixed, packet, Buffer.alloc(pad4(packet.length))]));
}

function ipBytes(host: string): Buffer {
  if (!isIPv6(host)) return Buffer.from(host.split('.').map(Number));
  const [head, tail] = host.includes('::') ? host.split('::') : [host, ''];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g || '0', 16), 2 * i));
  return out;
}

function ipv4Checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/** An IPv4 or IPv6 packet around a transport segment (headers reconstructed, not captured). */
export function ipPacket(src: string, dst: string, protocol: 6 | 17, segment: Buffer): Buffer {
  if (isIPv6(src)) {
    const h = Buffer.alloc(40);
    h.writeUInt32BE(0x60000000, 0);
    h.writeUInt16BE(segment.length, 4);
    h.writeUInt8(protocol, 6);
    h.writeUInt8(64, 7);
    ipBytes(src).copy(h, 8);
    ipBytes(dst).copy(h, 24);
    return Buffer.concat([h, segment]);
  }
  const h = Buffer.alloc(20);
  h.writeUInt8(0x45, 0);
  h.writeUInt16BE(20 + segment.length, 2);
  h.writeUInt16BE(0x4000, 6);
  h.writeUInt8(64, 8);
  h.writeUInt8(protocol, 9);
  ipBytes(src).copy(h, 12);
  ipBytes(dst).copy(h, 16);
  h.writeUInt16BE(ipv4Checksum(h), 10);
  return Buffer.concat([h, segment]);
}

export const TCP = { FIN: 0x01, SYN: 0x02, PSH: 0x08, ACK: 0x10 };

export function tcpSegment(sport: number, dport: number, seq: number, ack: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt32BE(seq >>> 0, 4);
  h.writeUInt32BE(ack >>> 0, 8);
  h.writeUInt8(5 << 4, 12);
  h.writeUInt8(flags, 13);
  h.writeUInt16BE(65535, 14);
  return Buffer.concat([h, payload]);
}

export function udpDatagram(sport: number, dport: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([h, payload]);
}
