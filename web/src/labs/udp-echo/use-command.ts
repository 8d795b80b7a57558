// The UDP echo lab's commands.
import { useLabCommand } from '../use-lab-command.ts';

export const useUdpEchoCommand = () => useLabCommand('udp-echo');
