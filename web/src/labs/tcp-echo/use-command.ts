// The TCP echo lab's commands.
import { useLabCommand } from '../use-lab-command.ts';

export const useTcpEchoCommand = () => useLabCommand('tcp-echo');
