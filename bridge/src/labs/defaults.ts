// How `pnpm lab serve` starts each lab: its default port (from the seeds) and its start command.
import type { LabCommands, LabId } from '@socket-lab/protocol';

export interface ServeOptions {
  host: string;
  port: number;
  maxFrame?: number;
}

export const SERVE: { [L in LabId]: { port: number; start(o: ServeOptions): LabCommands[L] } } = {
  'tcp-echo': { port: 65432, start: (o) => ({ op: 'start-server', host: o.host, port: o.port, backlog: 1 }) },
  'length-prefix': {
    port: 65433,
    start: (o) => ({ op: 'start-server', host: o.host, port: o.port, ...(o.maxFrame ? { maxFrame: o.maxFrame } : {}) }),
  },
  'udp-echo': { port: 65432, start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
  'add-one': { port: 5000, start: (o) => ({ op: 'start-server', host: o.host, port: o.port }) },
};
