// Each lab's default port, from the seeds (SPEC "Default ports").
import type { LabId } from '@socket-lab/protocol';

export const DEFAULT_PORTS: Record<LabId, number> = {
  'tcp-echo': 65432,
};
