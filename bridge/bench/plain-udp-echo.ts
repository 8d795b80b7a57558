// Baseline for the datagram benchmark: the plainest dgram echo, in its own process.
import dgram from 'node:dgram';

const s = dgram.createSocket('udp4');
s.on('message', (msg, rinfo) => s.send(msg, rinfo.port, rinfo.address));
s.bind(0, '127.0.0.1', () => process.stdout.write(`${s.address().port}\n`));
