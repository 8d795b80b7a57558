// The trace channel's flow control, with a real traced CPython: while the events' destination is
// congested the channel stops reading, and the traced process waits in its writes; once it has
// room again, every record arrives, none lost.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TraceChannel } from '../src/labs/programs/channel.ts';
import { tracedEnv } from '../src/labs/programs/runner.ts';

// A student's loop: 2,000 sendall and recv of 1 KiB over a loopback connection.
const PROGRAM = `
import socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
for i in range(2000):
    client.sendall(b"x" * 1024)
    got = 0
    while got < 1024:
        got += len(conn.recv(1024))
print("done")
`;

describe('TraceChannel', () => {
  it('stops reading while its flow is congested, and reads every record once it has room', async () => {
    let congested = true;
    const ready: Array<() => void> = [];
    let sendalls = 0;
    let received = 0;
    let output = '';
    const channel = await TraceChannel.open({
      record: (r) => {
        if (r.k === 'call' && r.op === 'sendall') sendalls++;
        if (r.k === 'call' && r.op === 'recv') received += r.size ?? 0;
        if (r.k === 'output') output += r.text;
      },
      problem: (m) => {
        throw new Error(m);
      },
      flow: {
        get congested() {
          return congested;
        },
        whenReady: (cb) => (congested ? ready.push(cb) : cb()),
      },
    });
    try {
      const child = spawn('python3', ['-c', PROGRAM], { env: tracedEnv(channel.path), stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The first read of a congested channel pauses it and asks to be told when there is room.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => ready.length > 0 && (clearInterval(poll), resolve()), 5);
      });
      expect(ready).toHaveLength(1);
      congested = false;
      ready.splice(0).forEach((cb) => cb());
      await exited;
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => output.includes('done') && (clearInterval(poll), resolve()), 5);
      });
      // However the kernel cut the reads, every call is there.
      expect([sendalls, received]).toEqual([2000, 2000 * 1024]);
    } finally {
      channel.close();
    }
  }, 60_000);
});
