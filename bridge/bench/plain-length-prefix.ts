// Baseline for the length-prefix benchmark: the same codec and reply rule, no events, no recv(n).
import net from 'node:net';
import { decodeUtf8, dropFirstChars, encodeText, FrameDecoder } from '@socket-lab/framing';

const server = net.createServer((s) => {
  const decoder = new FrameDecoder();
  s.on('error', () => s.destroy());
  s.on('data', (chunk: Buffer) => {
    for (const step of decoder.push(chunk)) {
      if (step.kind === 'too-large') return s.destroy();
      if (step.kind !== 'complete') continue;
      const text = decodeUtf8(step.payload);
      if (!text.ok) return s.destroy();
      s.write(encodeText(dropFirstChars(text.text)));
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as net.AddressInfo).port}\n`));
