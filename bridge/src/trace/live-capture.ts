// `--pcap-source capture`: the wire itself. dumpcap captures the loopback interface, filtered to
// the lab's port, so the file holds the kernel's own segments, ACKs and options, not the lab's
// reconstruction. Capturing `lo` needs root or the wireshark group; where it is refused, the
// error says so and names the other source.
import { spawn } from 'node:child_process';

/** Longer than dumpcap's 250 ms capture read timeout, well inside the 2 s stop deadline. */
const BLOCK_RETIRE_MS = 400;

export interface LiveCapture {
  /** Stops dumpcap and waits until the file is complete. */
  stop(): Promise<void>;
}

/** What to capture: the lab server's port (and any others of the run), on TCP or UDP. */
export interface CaptureTarget {
  protocol: 'tcp' | 'udp';
  port: number;
  also?: number[];
}

/** The capture filter for a target, e.g. `tcp port 65432`. Only numbers reach dumpcap's filter. */
export function captureFilter(t: CaptureTarget): string {
  const ports = [t.port, ...(t.also ?? [])];
  for (const p of ports) if (!Number.isInteger(p) || p <= 0 || p > 65535) throw new Error(`cannot capture port ${p}`);
  return ports.map((p) => `${t.protocol} port ${p}`).join(' or ');
}

/** Starts dumpcap writing pcapng to `file`; resolves once it is capturing, rejects with why not. */
export function startLiveCapture(file: string, target: CaptureTarget, dumpcap = 'dumpcap'): Promise<LiveCapture> {
  const child = spawn(dumpcap, ['-q', '-i', 'lo', '-f', captureFilter(target), '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`--pcap-source capture needs dumpcap (apt-get install tshark): ${err.message}`)));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      // dumpcap says "Capturing on 'Loopback: lo'" once the capture is open.
      if (/Capturing on/.test(stderr)) {
        resolve({
          stop: async () => {
            // libpcap hands dumpcap packets in blocks up to its 250 ms read timeout old: stopping at
            // once would lose the last ones (the echo's end, the FINs), so let one block retire first.
            await new Promise((r) => setTimeout(r, BLOCK_RETIRE_MS));
            if (child.exitCode === null) child.kill('SIGINT');
            await exited;
          },
        });
      }
    });
    void exited.then((code) =>
      reject(new Error(`dumpcap could not capture lo (exit ${code}): ${stderr.trim()}. Run as root or in the wireshark group, or use --pcap-source lab`)),
    );
  });
}
