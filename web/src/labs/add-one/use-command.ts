// The add-one lab's commands.
import { useLabCommand } from '../use-lab-command.ts';

export const useAddOneCommand = () => useLabCommand('add-one');
