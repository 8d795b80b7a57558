// How `pnpm lab serve` starts each lab: its default port (from the seeds) and its start command.
import type { LabCommands, LabId } from '@socket-lab/protocol';

export interface ServeOptions {
  host: string;
  port: number;
  maxFrame?: number;
}

/** Each lab's default port, transport (for `--pcap-source capture`'s filter) and start command. */
/** The labs `lab serve` runs: each has one server. (Programs are run with `lab run`.) */
export type ServedLab = Exclude<LabId, 'programs'>;
export const SERVED_LABS: readonly ServedLab[] = ['tcp-echo', 'length-prefix', 'udp-echo', 'add-one'];

export const SERVE: { [L in ServedLab]: { port: number; protocol: 'tcp' | 'udp'; start(o: ServeOptions): LabCommands[L] } } = {
  'tcp-echo': { port: 65432, protocol: 'tcp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port, backlog: 1 }) },
  'length-prefix': {
    port: 65433,
    protocol: 'tcp',
    start: (o) => ({ op: 'start-server', host: o.host, port: o.port, ...(o.maxFrame ? { maxFrame: o.maxFrame } : {}) }),
  },
  'udp-echo': { port: 65432, protocol: 'udp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
  'add-one': { port: 5000, protocol: 'udp', start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
};
