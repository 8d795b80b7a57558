// `pnpm lab <command>`: the lab without a page, for lecturers' terminals and TAs' scripts.
import { Command, InvalidArgumentError } from 'commander';
import { LIFECYCLE_MOMENTS, type Moment } from '@socket-lab/protocol';
import { DEFAULT_MAX_FRAME, MAX_MAX_FRAME } from '@socket-lab/framing';
import { JsonLinesSink } from './event-sink.ts';
import { idCounter, LabError, type Lab, type LabContext } from './labs/lab.ts';
import { SERVE, SERVED_LABS, type ServedLab, type ServeOptions } from './labs/defaults.ts';
import { grade } from './labs/length-prefix/grader.ts';
import { LAB_FACTORIES, type LabOptions } from './labs/registry.ts';
import { Recorder, WHOLE_PAYLOAD_PREVIEW } from './recorder.ts';
import { PcapngWriter } from './trace/pcapng-writer.ts';
import { startLiveCapture, type LiveCapture } from './trace/live-capture.ts';
import { isLoopbackHost, loopbackAddress, notLoopbackMessage } from './security.ts';
import { printReport, printSubmission } from './grade-report.ts';
import { classCsv, classJson, gradeClass } from './labs/length-prefix/submission/class-grades.ts';
import { gradescopeResults } from './labs/length-prefix/submission/gradescope.ts';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { onStopSignal } from './stop-signal.ts';
import { openReport } from './open-report.ts';
import { runMoment } from './labs/lifecycle/lab-lifecycle.ts';
import { attachPath } from './labs/programs/attach.ts';
import { runAttached, runTraced } from './labs/programs/lab-run.ts';
import { packCommand, unpackCommand, type Output } from './struct-commands.ts';

function intIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

function labId(value: string): ServedLab {
  const known = SERVED_LABS.find((l) => l === value);
  if (!known) throw new InvalidArgumentError(`unknown lab (known: ${SERVED_LABS.join(', ')})`);
  return known;
}

function target(value: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535) throw new InvalidArgumentError('expected host:port, e.g. 127.0.0.1:65433');
  if (!isLoopbackHost(m[1]!)) throw new InvalidArgumentError(notLoopbackMessage(m[1]!));
  return { host: loopbackAddress(m[1]!), port: Number(m[2]) };
}

/** Starts one lab's server with the right command for that lab. */
async function startLab<L extends ServedLab>(lab: L, ctx: LabContext, options: LabOptions, serve: ServeOptions): Promise<Lab<L>> {
  const instance = LAB_FACTORIES[lab](ctx, options) as Lab<L>;
  await instance.handle(SERVE[lab].start(serve) as never);
  return instance;
}

const program = new Command('lab').description('Socket Lab from the command line').showHelpAfterError();

/** `--pcap-source`, for serve and lifecycle alike. */
const PCAP_SOURCE = [
  '--pcap-source <source>',
  "with --pcap: 'lab' writes the lab's calls as reconstructed packets; 'capture' captures lo with dumpcap, the wire itself (needs root or the wireshark group)",
  (v: string): 'lab' | 'capture' => {
    if (v !== 'lab' && v !== 'capture') throw new InvalidArgumentError("expected 'lab' or 'capture'");
    return v;
  },
  'lab' as 'lab' | 'capture',
] as const;

program
  .command('serve')
  .description('run one lab server headless; print one JSON object per socket event (JSON Lines) until SIGINT/SIGTERM')
  .argument('<lab>', `the lab: ${SERVED_LABS.join(', ')}`, labId)
  .option('--port <n>', "port to listen on (0: any free port; default: the seed's port)", intIn('--port', 0, 65535))
  .option('--host <addr>', 'loopback address to bind', '127.0.0.1')
  .option('--bufsize <n>', 'BUF_SIZE for every recv(n)', intIn('--bufsize', 1, 65536), 1024)
  .option('--max-frame <bytes>', `length-prefix: largest frame accepted (default ${DEFAULT_MAX_FRAME})`, intIn('--max-frame', 1, MAX_MAX_FRAME))
  .option('--pcap <file>', 'also write the traffic as pcapng (written as it happens, complete after SIGINT/SIGTERM)')
  .option(...PCAP_SOURCE)
  .action(async (lab: ServedLab, opts: { port?: number; host: string; bufsize: number; maxFrame?: number; pcap?: string; pcapSource: 'lab' | 'capture' }) => {
    // JSON Lines has no way to fetch cut bytes, so every event carries all of its bytes.
    const sink = new JsonLinesSink(process.stdout);
    const recorder = new Recorder(sink, null, WHOLE_PAYLOAD_PREVIEW);
    const pcap = opts.pcap && opts.pcapSource === 'lab' ? new PcapngWriter(opts.pcap) : null;
    if (pcap) recorder.tap = (event, data) => pcap.record(event, data);
    const ctx: LabContext = { record: (call) => recorder.record(lab, call).seq, flow: recorder.sink, publish: () => {}, nextId: idCounter() };
    let instance: Lab<ServedLab>;
    try {
      instance = await startLab(lab, ctx, { bufsize: opts.bufsize, ...(opts.maxFrame ? { maxFrame: opts.maxFrame } : {}) }, {
        host: opts.host,
        port: opts.port ?? SERVE[lab].port,
        ...(opts.maxFrame ? { maxFrame: opts.maxFrame } : {}),
      });
    } catch (err) {
      process.stderr.write(`${err instanceof LabError ? err.message : String(err)}\n`);
      process.exit(1);
    }
    const where = instance.state().server?.local;
    let live: LiveCapture | null = null;
    if (opts.pcap && opts.pcapSource === 'capture' && where) {
      try {
        live = await startLiveCapture(opts.pcap, { protocol: SERVE[lab].protocol, port: where[1] });
      } catch (err) {
        instance.close();
        process.stderr.write(`${(err as Error).message}\n`);
        process.exit(1);
      }
    }
    const about = SERVE[lab].about?.(where?.[1] ?? 0) ?? `BUF_SIZE ${opts.bufsize}`;
    process.stderr.write(`${lab} listening on ${where?.[0]}:${where?.[1]} (${about}); events on stdout; Ctrl-C stops\n`);
    onStopSignal(async () => {
      instance.close();
      sink.flush();
      await pcap?.close();
      await live?.stop();
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    });
  });

program
  .command('grade')
  .description("run seed 004's test cases against a server; exit 0 only if none fails")
  .argument('<lab>', 'the lab whose grader to run: length-prefix', (v: string) => {
    if (v !== 'length-prefix') throw new InvalidArgumentError('only length-prefix has a grader');
    return v;
  })
  .option('--target <host:port>', 'the server to grade (loopback only), e.g. 127.0.0.1:65433', target)
  .option('--submission <dir...>', "grade students' folders as the autograder does: each one's buffered_server.py and buffered_client.py")
  .option('--bufsize <n>', 'BUF_SIZE the tests are sized around, and the client reads with', intIn('--bufsize', 1, 65536), 1024)
  .option('--max-frame <bytes>', 'largest reply frame accepted', intIn('--max-frame', 1, MAX_MAX_FRAME), DEFAULT_MAX_FRAME)
  .option('--json', 'print one JSON document instead of text')
  .option('--csv <file>', 'with --submission: also write a gradebook, a row per submission and a column per test')
  .option('--gradescope <file>', "with one --submission: also write Gradescope's autograder results.json")
  .action(async (_lab: string, opts: { target?: { host: string; port: number }; submission?: string[]; bufsize: number; maxFrame: number; json?: boolean; csv?: string; gradescope?: string }) => {
    if (!opts.target === !opts.submission) {
      process.stderr.write('give --target host:port (a running server) or --submission DIR... (students\' files), not both\n');
      process.exit(2);
    }
    if (opts.gradescope && opts.submission?.length !== 1) {
      process.stderr.write('--gradescope writes one student\'s results.json: give it with exactly one --submission folder\n');
      process.exit(2);
    }
    if (opts.submission) {
      // `pnpm lab` runs in bridge/: folders and the CSV are where the user typed the command.
      const here = process.env.npm_lifecycle_event === 'lab' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
      const t0 = Date.now();
      const reports = await gradeClass(opts.submission.map((d) => resolve(here, d)), { bufsize: opts.bufsize, maxFrame: opts.maxFrame }, (line) => process.stderr.write(`${line}\n`));
      if (opts.csv) writeFileSync(resolve(here, opts.csv), classCsv(reports));
      if (opts.gradescope) writeFileSync(resolve(here, opts.gradescope), JSON.stringify(gradescopeResults(reports[0]!, (Date.now() - t0) / 1000), null, 2) + '\n');
      if (opts.json) process.stdout.write(classJson(reports));
      else for (const r of reports) printSubmission(r, process.stdout);
      process.exitCode = reports.every((r) => r.failed === 0 && r.passed > 0) ? 0 : 1;
      return;
    }
    const report = await grade({ ...opts.target!, bufsize: opts.bufsize, maxFrame: opts.maxFrame });
    if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else printReport(report, process.stdout);
    process.exitCode = report.failed === 0 && report.passed > 0 ? 0 : 1;
  });

program
  .command('report')
  .description("open a class's grades (the --json of grade --submission) in the page: each failure with the student's own calls")
  .argument('<file>', 'grades.json')
  .action(async (file: string) => {
    const here = process.env.npm_lifecycle_event === 'lab' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
    const port = process.env.PORT === undefined || process.env.PORT === '' ? 5173 : Number(process.env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write(`PORT must be a number from 0 to 65535, not ${JSON.stringify(process.env.PORT)}\n`);
      process.exit(2);
    }
    await openReport(resolve(here, file), port);
  });

program
  .command('run')
  .description("run any command with the Python tracer in its environment; print one JSON object per event (JSON Lines); exit with the program's status")
  .option('--allow-network', 'let the traced program reach addresses other than loopback')
  .option('--attach', 'show the calls in the open page (a running `pnpm start`) instead; the output stays in this terminal')
  .argument('<command...>', 'the command, after --: e.g. -- python3 client.py Hello')
  .action(async (command: string[], opts: { allowNetwork?: boolean; attach?: boolean }) => {
    // `pnpm lab` runs in bridge/: a program is run where the user typed the command.
    const cwd = process.env.npm_lifecycle_event === 'lab' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
    const allowNetwork = opts.allowNetwork === true;
    let run: { status: Promise<number>; stop(): void };
    try {
      run = opts.attach ? await runAttached(command, { allowNetwork, cwd, socket: attachPath() }) : await runTraced(command, { allowNetwork, cwd, out: process.stdout });
    } catch (err) {
      process.stderr.write(`lab run${opts.attach ? ' --attach' : ''}: ${(err as Error).message}\n`);
      process.exit(2);
    }
    // Ctrl-C or SIGTERM ends the program's whole process group; `lab run` exits with its status.
    onStopSignal(
      async () => {
        run.stop();
        process.exitCode = await run.status;
      },
      (code) => process.exit(typeof process.exitCode === 'number' ? process.exitCode : code),
    );
    process.exit(await run.status);
  });

program
  .command('lifecycle')
  .description(`run one moment of a TCP connection's life with the lab's Python programs, traced; print its events, then what happened (${LIFECYCLE_MOMENTS.join(', ')})`)
  .argument('<moment>', 'the moment', (v: string) => {
    const m = LIFECYCLE_MOMENTS.find((x) => x === v);
    if (!m) throw new InvalidArgumentError(`unknown moment (known: ${LIFECYCLE_MOMENTS.join(', ')})`);
    return m;
  })
  .option('--json', 'one JSON object per event (JSON Lines), as serve and run print them')
  .option('--pcap <file>', "also write the moment's traffic as pcapng")
  .option(...PCAP_SOURCE)
  .action(async (moment: Moment, opts: { json?: boolean; pcap?: string; pcapSource: 'lab' | 'capture' }) => {
    try {
      const pcap = opts.pcap ? { pcap: { file: opts.pcap, source: opts.pcapSource } } : {};
      process.exit(await runMoment(moment, { json: opts.json === true, out: process.stdout, ...pcap }));
    } catch (err) {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    }
  });

function emit(o: Output): void {
  process.stdout.write(o.stdout);
  process.stderr.write(o.stderr);
  process.exitCode = o.code;
}

program
  .command('pack')
  .description("struct.pack(format, *values): values as Python literals (1, -2, True, 0.5, b'abc'); prints lowercase hex")
  .argument('<format>', "a struct format, e.g. '!hH?f10s'")
  .argument('[values...]', 'Python literals')
  // Negative numbers (-1) are values here, not options.
  .allowUnknownOption()
  .action((format: string, values: string[]) => emit(packCommand(format, values)));

program
  .command('unpack')
  .description('struct.unpack(format, bytes): prints each value as repr() would, one per line')
  .argument('<format>', "a struct format, e.g. '!hH?f10s'")
  .argument('<hex...>', 'the bytes as hex; spaces allowed')
  .action((format: string, hex: string[]) => emit(unpackCommand(format, hex.join(''))));

await program.parseAsync(process.argv);
