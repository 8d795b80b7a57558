// A lane's sockets as the kernel lists them now (/proc/net/tcp, read by the bridge while the page
// is looked at): each socket's TCP state and the bytes in its queues, between the calls as well as
// at them. One line, so the lanes keep their height; the whole text is its title.
import type { LiveKernel } from '@socket-lab/protocol';
import { kernelText } from '../kernel-text.ts';
import { fitStyle } from '../fit.ts';

/** A traced socket's id names its process, which the lane's title already says: its fd is enough. */
const shortName = (socket: string) => socket.replace(/^pid \d+ /, '');

export function KernelNow({ sockets }: { sockets: LiveKernel[] }) {
  if (sockets.length === 0) return null;
  const text = sockets.map((k) => `${shortName(k.socket)} ${kernelText(k, true)}`).join('; ');
  return (
    <p className="kernel-now fit" style={fitStyle(text)} role="note" aria-label="In the kernel now" title={text}>
      {text}
    </p>
  );
}
