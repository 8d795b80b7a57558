// The lab under benchmark: a real bridge in its own process, as `pnpm start` runs it.
import { startBridge } from '../src/app.ts';

const bridge = await startBridge({ port: 0, webRoot: '/nonexistent' });
process.stdout.write(`${bridge.port} ${bridge.token}\n`);
// A clean exit on SIGTERM lets `node --cpu-prof` write its profile when the bench stops us.
process.on('SIGTERM', () => process.exit(0));
