// The grader's target as a lecturer types it.
/** `127.0.0.1:7101`, `[::1]:7101`, or a bare port (`7101`), which means this machine: 127.0.0.1. */
export function parseTarget(text: string): { host: string; port: number } | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  const bare = /^\d{1,5}$/.test(t);
  const m = bare ? ['', '127.0.0.1', t] : /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(t);
  return m && Number(m[2]) <= 65535 && Number(m[2]) > 0 ? { host: m[1]!, port: Number(m[2]) } : 'bad';
}
