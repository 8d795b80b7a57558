// `pnpm start`: build the page if needed, then serve page and WebSocket on one loopback port.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge } from './app.ts';
import { attachEnvLine, attachPath } from './labs/programs/attach.ts';
import { formatPyError, toPyError } from './python-errors.ts';
import { existsSync, statSync } from 'node:fs';
import { onStopSignal } from './stop-signal.ts';
import { ensureWebBuilt } from './web-build.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT === undefined || process.env.PORT === '' ? 5173 : Number(process.env.PORT);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be a number from 0 to 65535, not ${JSON.stringify(process.env.PORT)}\n`);
  process.exit(2);
}

try {
  if (process.env.SOCKET_LAB_SKIP_BUILD !== '1') ensureWebBuilt(repoRoot);
  // SOCKET_LAB_WEB_ROOT serves another build of the page (tests give a stub page).
  const webRoot = process.env.SOCKET_LAB_WEB_ROOT || undefined;
  const programs = programsFolder(process.argv.slice(2), process.env.PROGRAMS);
  const attach = attachPath();
  const bridge = await startBridge({ host, port, ...(webRoot ? { webRoot } : {}), ...(programs ? { programs } : {}), ...(attach ? { attach } : {}) });
  process.stdout.write(`Socket Lab is running: ${bridge.url}\n`);
  if (programs) process.stdout.write(`Programs: the page may run the .py files in ${programs}\n`);
  if (bridge.attach) {
    process.stdout.write(`Your own program, traced into the open page: pnpm lab run --attach -- python3 my_program.py\n`);
    process.stdout.write(`  (or in any terminal or IDE, set: ${attachEnvLine(bridge.attach)})\n`);
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    process.stdout.write(`Warning: HOST=${host} exposes the page beyond this machine (the token still guards the WebSocket).\n`);
  }
  onStopSignal(() => bridge.close());
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const e = toPyError(err);
    process.stderr.write(`Cannot listen on ${host}:${port}: ${formatPyError(e)}\n${e.hint ?? ''}\nTry: PORT=5174 pnpm start\n`);
  } else {
    process.stderr.write(`${(err as Error).message}\n`);
  }
  process.exit(1);
}

/** `pnpm start -- --programs ./my-code` or PROGRAMS=./my-code: an existing folder, made absolute. */
function programsFolder(args: string[], env: string | undefined): string | undefined {
  const at = args.indexOf('--programs');
  const given = at >= 0 ? args[at + 1] : env || undefined;
  if (!given) return undefined;
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    process.stderr.write(`--programs: ${folder} is not a folder\n`);
    process.exit(2);
  }
  return folder;
}
