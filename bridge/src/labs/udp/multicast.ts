// Multicast on this machine only (seed 001): two receivers join a group on the loopback
// interface; a sender with TTL 0 sends once; both receive. TTL 0 and IP_MULTICAST_IF=127.0.0.1
// mean no datagram can leave the host, which keeps the lab inside its loopback-only rule.
import dgram from 'node:dgram';
import { isIPv4 } from 'node:net';
import type { Address, Multicast } from '@socket-lab/protocol';
import { formatPyError, toPyError } from '../../python-errors.ts';
import type { Call } from '../../recorder.ts';
import type { LabContext } from '../lab.ts';
import { LabError, pyLabError } from '../lab.ts';

const LOOPBACK_IF = '127.0.0.1';
const WAIT_MS = 1000;

export function isMulticastGroup(group: string): boolean {
  return isIPv4(group) && Number(group.split('.')[0]) >= 224 && Number(group.split('.')[0]) <= 239;
}

/** Why joining failed, in the words a student needs; the code is the kernel's. */
export function multicastRefusal(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const py = formatPyError(toPyError(err));
  const why: Record<string, string> = {
    ENODEV: 'the loopback interface has no multicast support on this machine (it lacks the MULTICAST flag; `ip link set lo multicast on` needs root)',
    EADDRNOTAVAIL: 'the kernel has no multicast route on the loopback interface',
    ENOBUFS: 'the kernel refused another group membership (too many groups joined)',
    EPERM: 'this machine does not allow joining multicast groups here',
  };
  return `multicast is not available here: IP_ADD_MEMBERSHIP failed with ${py}: ${code && why[code] ? why[code] : 'the operating system refused it'}`;
}

export async function multicastDemo(group: string, text: string, h: { record(c: Call): void; nextId: LabContext['nextId'] }): Promise<Multicast> {
  if (!isMulticastGroup(group)) throw new LabError('lab-error', `${JSON.stringify(group)} is not an IPv4 multicast group: use 224.0.0.0 to 239.255.255.255, e.g. 226.1.1.1`);
  const receivers: Array<{ id: string; socket: dgram.Socket; local: Address }> = [];
  const received: Multicast['received'] = [];
  let port = 0;
  let senderSocket: dgram.Socket | null = null;
  try {
    for (let i = 0; i < 2; i++) {
      const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
      // Bound to the group address, not 0.0.0.0: the socket receives this group and nothing else.
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, group, () => resolve());
      });
      port = socket.address().port;
      const id = h.nextId('server');
      const local: Address = [group, port];
      h.record({ socket: id, role: 'server', op: 'bind', local, remote: null });
      receivers.push({ id, socket, local });
      try {
        socket.addMembership(group, LOOPBACK_IF);
      } catch (err) {
        return { group, port, received, error: multicastRefusal(err) };
      }
    }
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WAIT_MS);
      for (const r of receivers) {
        r.socket.on('message', (msg, rinfo) => {
          h.record({ socket: r.id, role: 'server', op: 'recvfrom', local: r.local, remote: [rinfo.address, rinfo.port], data: msg, arg: 1024 });
          received.push({ socket: r.id, hex: msg.toString('hex') });
          if (received.length === receivers.length) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    const sender = dgram.createSocket('udp4');
    senderSocket = sender;
    await new Promise<void>((resolve, reject) => {
      sender.once('error', reject);
      sender.bind(0, LOOPBACK_IF, () => {
        sender.off('error', reject);
        resolve();
      });
    });
    sender.on('error', () => {});
    sender.setMulticastInterface(LOOPBACK_IF);
    sender.setMulticastTTL(0);
    sender.setMulticastLoopback(true);
    const senderId = h.nextId('client');
    const data = Buffer.from(text, 'utf8');
    const error = await new Promise<Error | null>((resolve) => sender.send(data, port, group, (e) => resolve(e)));
    const local: Address = [LOOPBACK_IF, sender.address().port];
    h.record({ socket: senderId, role: 'client', op: 'sendto', local, remote: [group, port], data, ...(error ? { error: toPyError(error) } : {}) });
    await done;
    senderSocket = null;
    sender.close();
    h.record({ socket: senderId, role: 'client', op: 'close', local, remote: null });
    return received.length < receivers.length
      ? { group, port, received, error: `only ${received.length} of ${receivers.length} receivers got the datagram within ${WAIT_MS} ms: this machine does not loop multicast back` }
      : { group, port, received };
  } catch (err) {
    throw err instanceof LabError ? err : pyLabError(toPyError(err));
  } finally {
    senderSocket?.close();
    for (const r of receivers) {
      r.socket.close();
      h.record({ socket: r.id, role: 'server', op: 'close', local: r.local, remote: null });
    }
  }
}
