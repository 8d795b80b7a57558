// `pnpm lab <command>`: the lab without a page, for lecturers' terminals and TAs' scripts.
import { Command, InvalidArgumentError } from 'commander';
import { LAB_IDS, labIdSchema, type LabId } from '@socket-lab/protocol';
import { JsonLinesSink } from './event-sink.ts';
import { idCounter, LabError, type LabContext } from './labs/lab.ts';
import { DEFAULT_PORTS } from './labs/defaults.ts';
import { LAB_FACTORIES } from './labs/registry.ts';
import { Recorder, WHOLE_PAYLOAD_PREVIEW } from './recorder.ts';

function intIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

function labId(value: string): LabId {
  const parsed = labIdSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`unknown lab (known: ${LAB_IDS.join(', ')})`);
  return parsed.data;
}

const program = new Command('lab')
  .description('Socket Lab from the command line')
  .showHelpAfterError();

program
  .command('serve')
  .description('run one lab server headless; print one JSON object per socket event (JSON Lines) until SIGINT/SIGTERM')
  .argument('<lab>', `the lab: ${LAB_IDS.join(', ')}`, labId)
  .option('--port <n>', 'port to listen on (0: any free port; default: the seed\'s port)', intIn('--port', 0, 65535))
  .option('--host <addr>', 'loopback address to bind', '127.0.0.1')
  .option('--bufsize <n>', 'BUF_SIZE for every recv(n)', intIn('--bufsize', 1, 65536), 1024)
  .action(async (lab: LabId, opts: { port?: number; host: string; bufsize: number }) => {
    // JSON Lines has no way to fetch cut bytes, so every event carries all of its bytes.
    const recorder = new Recorder(new JsonLinesSink(process.stdout), null, WHOLE_PAYLOAD_PREVIEW);
    const ctx: LabContext = {
      record: (call) => recorder.record(lab, call),
      flow: recorder.sink,
      publish: () => {},
      nextId: idCounter(),
    };
    const instance = LAB_FACTORIES[lab](ctx, { bufsize: opts.bufsize });
    const port = opts.port ?? DEFAULT_PORTS[lab];
    try {
      await instance.handle({ op: 'start-server', host: opts.host, port, backlog: 1 });
    } catch (err) {
      process.stderr.write(`${err instanceof LabError ? err.message : String(err)}\n`);
      process.exit(1);
    }
    const where = instance.state().server?.local;
    process.stderr.write(
      `${lab} listening on ${where?.[0]}:${where?.[1]} (BUF_SIZE ${opts.bufsize}); events on stdout; Ctrl-C stops\n`,
    );
    const stop = () => {
      instance.close();
      process.stdout.write('', () => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

await program.parseAsync(process.argv);
