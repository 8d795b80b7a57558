// Load for the length-prefix benchmarks: framed messages pipelined on one connection.
import net from 'node:net';
import { encodeText, FrameDecoder } from '@socket-lab/framing';

export interface FrameLoad {
  frames: number;
  bytes: number;
  seconds: number;
}

/**
 * Sends `text` as frames, keeping `window` unanswered, until `until()` says stop; counts replies.
 */
export function frameLoad(port: number, text: string, window: number, until: (sent: number, seconds: number) => boolean): Promise<FrameLoad> {
  const frame = encodeText(text);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const s = net.connect(port, '127.0.0.1');
    const decoder = new FrameDecoder(64 * 1024 * 1024);
    let sent = 0;
    let answered = 0;
    let bytes = 0;
    let stopping = false;
    const pump = () => {
      while (!stopping && sent - answered < window) {
        if (until(sent * frame.length, (performance.now() - start) / 1000)) {
          stopping = true;
          break;
        }
        sent++;
        s.write(frame);
      }
      if (stopping && answered === sent) s.end();
    };
    s.on('connect', pump);
    s.on('data', (d: Buffer) => {
      for (const step of decoder.push(d)) if (step.kind === 'complete') answered++;
      bytes += d.length;
      pump();
    });
    s.on('close', () => resolve({ frames: answered, bytes, seconds: (performance.now() - start) / 1000 }));
    s.on('error', reject);
  });
}
