// Reads pcapng files back with tshark, so tests see what Wireshark users would.
import { execFileSync } from 'node:child_process';

/** Payload bytes per sending port, joined in order, as tshark decodes the file. */
export function payloads(file: string, proto: 'tcp' | 'udp'): Map<number, string> {
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', `${proto}.srcport`, '-e', 'data.data'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const byPort = new Map<number, string>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [port, hex = ''] = line.split('\t');
    if (!port) continue;
    byPort.set(Number(port), (byPort.get(Number(port)) ?? '') + hex.replace(/:/g, ''));
  }
  return byPort;
}

/** The file's section comment, as `capinfos -k` prints it. */
export function fileComment(file: string): string {
  return execFileSync('capinfos', ['-k', file]).toString();
}
