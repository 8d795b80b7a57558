// The course's programs the lab ships (course/): for each script in the seeds, one that makes the
// same calls in the same order, on the same ports, with the same prints and the seed's arguments.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgramInfo } from '@socket-lab/protocol';

export const COURSE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'course');

export const COURSE: ProgramInfo[] = [
  { id: 'course/tcp_server.py', name: 'tcp_server.py', source: 'course', about: "seed 000: the sample TCP server (65432), sendall()s back each recv(1024)", args: [] },
  { id: 'course/tcp_client.py', name: 'tcp_client.py', source: 'course', about: 'seed 000: the sample TCP client: connect, sendall, recv', args: ['This is a test'] },
  { id: 'course/udp_server.py', name: 'udp_server.py', source: 'course', about: "seed 000: the sample UDP server (65432): one recvfrom(1024), and the seed's print", args: [] },
  { id: 'course/udp_client.py', name: 'udp_client.py', source: 'course', about: 'seed 000: the sample UDP client: one sendto', args: ['This is a test'] },
  { id: 'course/addone_server.py', name: 'addone_server.py', source: 'course', about: "seed 001: the UDP add-one server (5000): unpack '!h', add 1, pack, reply", args: [] },
  { id: 'course/addone_client.py', name: 'addone_client.py', source: 'course', about: "seed 001: the UDP add-one client: sends struct.pack('!h', 1)", args: [] },
  { id: 'course/hi_server.py', name: 'hi_server.py', source: 'course', about: 'seed 001: the TCP server (5000) that answers "Hi!" to each recv', args: [] },
  { id: 'course/hi_client.py', name: 'hi_client.py', source: 'course', about: 'seed 001: the TCP client: sendall("Hello!"), recv', args: [] },
  { id: 'course/thanks_server.py', name: 'thanks_server.py', source: 'course', about: "seed 002: the sample server (1234): accept, send 'Thank you for connecting', close", args: [] },
  { id: 'course/thanks_client.py', name: 'thanks_client.py', source: 'course', about: 'seed 002: the sample client: connect, recv(1024)', args: [] },
  { id: 'course/server_non_concurrent.py', name: 'server_non_concurrent.py', source: 'course', about: "seed 003: one client, messages until '/bye' (5960); watch TCP join the last two sends", args: [] },
  { id: 'course/client.py', name: 'client.py', source: 'course', about: "seed 003: the client: three sends, one recv", args: [] },
];
