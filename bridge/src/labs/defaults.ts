// How `pnpm lab serve` starts each lab: its default port (from the seeds) and its start command.
import type { LabCommands, LabId } from '@socket-lab/protocol';

export interface ServeOptions {
  host: string;
  port: number;
  maxFrame?: number;
}

/** Each lab's default port, transport (for `--pcap-source capture`'s filter) and start command. */
/** The labs `lab serve` runs: each has one server. (Programs are run with `lab run`, moments with `lab lifecycle`; the server styles from the page.) */
export type ServedLab = Exclude<LabId, 'programs' | 'lifecycle' | 'servers'>;
export const SERVED_LABS: readonly ServedLab[] = ['tcp-echo', 'length-prefix', 'udp-echo', 'add-one', 'chat', 'http'];

interface Served<L extends ServedLab> {
  port: number;
  protocol: 'tcp' | 'udp';
  start(o: ServeOptions): LabCommands[L];
  /** What `lab serve` says after "listening on host:port", when not the lab's BUF_SIZE (a Python server reads with its own). */
  about?(port: number): string;
}

export const SERVE: { [L in ServedLab]: Served<L> } = {
  'tcp-echo': { port: 65432, protocol: 'tcp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port, backlog: 1 }) },
  'length-prefix': {
    port: 65433,
    protocol: 'tcp',
    start: (o) => ({ op: 'start-server', host: o.host, port: o.port, ...(o.maxFrame ? { maxFrame: o.maxFrame } : {}) }),
  },
  'udp-echo': { port: 65432, protocol: 'udp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
  'add-one': { port: 5000, protocol: 'udp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
  http: { port: 8000, protocol: 'tcp', start: (o) => ({ op: 'start', port: o.port }), about: (port) => `seed 002's http_server.py, traced; try: curl http://127.0.0.1:${port}/` },
  chat: { port: 5960, protocol: 'tcp', start: (o) => ({ op: 'start', port: o.port }), about: (port) => `seed 003's chat_server.py, traced; try: nc 127.0.0.1 ${port}` },
};
