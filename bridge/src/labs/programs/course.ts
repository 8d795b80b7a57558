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
];
