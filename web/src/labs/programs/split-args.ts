// Arguments typed as a shell would split them: spaces separate, quotes keep a phrase whole.
/**
 * @example splitArgs(`"This is a test" 2`) // ['This is a test', '2']
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(m[1] ?? m[2] ?? m[3] ?? '');
  return args;
}

/** The arguments written back as one line, quoted where they hold spaces. */
export function joinArgs(args: string[]): string {
  return args.map((a) => (a === '' || /[\s"']/.test(a) ? `"${a.replace(/"/g, "'")}"` : a)).join(' ');
}
