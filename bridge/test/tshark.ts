// Reads pcapng files back with tshark, so tests see what Wireshark users would.
import { execFileSync } from 'node:child_process';

/** Payload bytes per sending port, joined in order, as tshark decodes the file. */
export function payloads(file: string, proto: 'tcp' | 'udp'): Map<number, string> {
  const byPort = new Map<number, string>();
  for (const [port, hex = ''] of fields(file, [`${proto}.srcport`, 'data.data'])) {
    if (!port) continue;
    byPort.set(Number(port), (byPort.get(Number(port)) ?? '') + hex.replace(/:/g, ''));
  }
  return byPort;
}

/** The file's section comment, as `capinfos -k` prints it. */
export function fileComment(file: string): string {
  return execFileSync('capinfos', ['-k', file]).toString();
}

/** The named fields of each packet (matching `filter`, if given), one array per packet. */
export function fields(file: string, names: string[], filter?: string): string[][] {
  const args = ['-r', file, ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...names.flatMap((n) => ['-e', n])];
  const out = execFileSync('tshark', args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return out.split('\n').filter(Boolean).map((line) => line.split('\t'));
}
