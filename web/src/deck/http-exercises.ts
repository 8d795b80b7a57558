// The deck's HTTP exercise, run by the lab's real web server and client (bridge/src/labs/http/
// programs/, whose lines the code here quotes).
import type { DeckApi } from './deck-api.ts';
import type { Exercise } from './exercises.ts';

/** The web server on a free port, then one POST sent one byte per send(), until its response is printed. */
async function oneByte(api: DeckApi): Promise<void> {
  await api.stepMode('run');
  await api.command('http', { op: 'stop' });
  await api.command('http', { op: 'start', port: 0 });
  const from = api.eventCount('http');
  await api.command('http', { op: 'request', method: 'POST', path: '/echo', body: 'ping', oneByte: true });
  await api.untilEvent('http', from, (e) => e.op === 'output' && e.output?.text === 'ping');
}

export const HTTP_EXERCISES: Exercise[] = [
  {
    id: 'http-one-byte',
    title: 'A request arrives one byte at a time: when can the server answer?',
    lab: 'http',
    source: "The HTTP lab's http_server.py and http_client.py --one-byte (seed 002's web server and client)",
    code: `# http_server.py, in each connection's thread
while b'\\r\\n\\r\\n' not in buffer:
    data = conn.recv(BUF_SIZE)
    buffer += data
head, buffer = buffer.split(b'\\r\\n\\r\\n', 1)
...                                   # request line, headers
while len(buffer) < int(length):      # Content-Length
    buffer += conn.recv(BUF_SIZE)

# http_client.py --one-byte
for i in range(len(request)):
    sock.send(request[i:i + 1])`,
    instruction: 'The client sends POST /echo with the body "ping", each byte of the request in its own send().',
    question: {
      prompt: 'How does the server know it has the whole request?',
      options: ['After the first recv: TCP delivers one request per recv', 'At the blank line it has the head; Content-Length: 4 then says how many body bytes follow', 'When the client closes the connection'],
      answer: 1,
      why: 'TCP keeps no message boundaries: recv returns whatever bytes have arrived. HTTP marks its own: the head ends at \\r\\n\\r\\n, and Content-Length counts the body. The server loops over recv until both are whole, then answers once.',
    },
    run: {
      instruction: 'Set it up: the real programs run. The panel beside marks the request part by part, each with the recv calls that carried it. Then open the server in a new tab: your browser\u2019s own request appears.',
      setUp: oneByte,
    },
  },
];
