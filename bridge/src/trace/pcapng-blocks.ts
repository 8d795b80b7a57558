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

/** The transport header of one reconstructed packet. */
export type Transport =
  | { protocol: 6; sport: number; dport: number; seq: number; ack: number; flags: number }
  | { protocol: 17; sport: number; dport: number };

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

const addressCache = new Map<string, Buffer>();
/** An address's bytes; cached, since a session has few endpoints and every packet needs two. */
function ipBytes(host: string): Buffer {
  let out = addressCache.get(host);
  if (out) return out;
  if (!isIPv6(host)) out = Buffer.from(host.split('.').map(Number));
  else {
    const [head, tail] = host.includes('::') ? host.split('::') : [host, ''];
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    out = Buffer.alloc(16);
    groups.forEach((g, i) => out!.writeUInt16BE(parseInt(g || '0', 16), 2 * i));
  }
  if (addressCache.size > 1024) addressCache.clear();
  addressCache.set(host, out);
  return out;
}

function ipv4Checksum(buf: Buffer, at: number): number {
  let sum = 0;
  for (let i = at; i < at + 20; i += 2) sum += buf.readUInt16BE(i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/**
 * One enhanced packet block holding an IPv4 or IPv6 packet around a TCP or UDP segment, built
 * in a single allocation since a session writes one per send. The headers are reconstructed,
 * not captured. The caller keeps `payload` within the 16-bit length fields.
 */
export function packetBlock(us: number, src: string, dst: string, transport: Transport, payload: Uint8Array): Buffer {
  // The cached address bytes say the family (isIPv6's pattern match per packet cost more than the rest of the header).
  const from = ipBytes(src);
  const v6 = from.length === 16;
  const ipLen = v6 ? 40 : 20;
  const thLen = transport.protocol === 6 ? 20 : 8;
  const packetLen = ipLen + thLen + payload.length;
  const total = 32 + packetLen + pad4(packetLen);
  // From the shared pool where small, zeroed here (Buffer.alloc made a new backing store each time).
  const b = Buffer.allocUnsafe(total).fill(0);
  // `us`, microseconds since 1970, is exact as a Number below 2^53 (285 years); written in two halves.
  b.writeUInt32LE(0x00000006, 0);
  b.writeUInt32LE(total, 4);
  b.writeUInt32LE(0, 8); // interface 0
  b.writeUInt32LE(Math.floor(us / 0x100000000), 12);
  b.writeUInt32LE(us % 0x100000000, 16);
  b.writeUInt32LE(packetLen, 20);
  b.writeUInt32LE(packetLen, 24);
  const ip = 28;
  if (v6) {
    b.writeUInt32BE(0x60000000, ip);
    b.writeUInt16BE(thLen + payload.length, ip + 4);
    b.writeUInt8(transport.protocol, ip + 6);
    b.writeUInt8(64, ip + 7);
    from.copy(b, ip + 8);
    ipBytes(dst).copy(b, ip + 24);
  } else {
    b.writeUInt8(0x45, ip);
    b.writeUInt16BE(packetLen, ip + 2);
    b.writeUInt16BE(0x4000, ip + 6);
    b.writeUInt8(64, ip + 8);
    b.writeUInt8(transport.protocol, ip + 9);
    from.copy(b, ip + 12);
    ipBytes(dst).copy(b, ip + 16);
    b.writeUInt16BE(ipv4Checksum(b, ip), ip + 10);
  }
  const th = ip + ipLen;
  b.writeUInt16BE(transport.sport, th);
  b.writeUInt16BE(transport.dport, th + 2);
  if (transport.protocol === 6) {
    b.writeUInt32BE(transport.seq >>> 0, th + 4);
    b.writeUInt32BE(transport.ack >>> 0, th + 8);
    b.writeUInt8(5 << 4, th + 12);
    b.writeUInt8(transport.flags, th + 13);
    b.writeUInt16BE(65535, th + 14);
  } else {
    b.writeUInt16BE(8 + payload.length, th + 4);
  }
  b.set(payload, th + thLen);
  b.writeUInt32LE(total, total - 4);
  return b;
}
