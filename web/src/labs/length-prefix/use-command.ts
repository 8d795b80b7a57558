// The length-prefix lab's commands.
import { useLabCommand } from '../use-lab-command.ts';

export const useLengthPrefixCommand = () => useLabCommand('length-prefix');
