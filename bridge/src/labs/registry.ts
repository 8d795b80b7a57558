// The one place bridge labs plug in: a factory per LabId.
import type { LabId, SubmissionReport } from '@socket-lab/protocol';
import type { Lab, LabContext } from './lab.ts';
import { LengthPrefixLab } from './length-prefix/lab.ts';
import { TcpEchoLab } from './tcp-echo.ts';
import type { AttachPoint } from './programs/attach.ts';
import { LifecycleLab } from './lifecycle/lifecycle-lab.ts';
import { ProgramsLab } from './programs/programs-lab.ts';
import { ServersLab } from './servers/servers-lab.ts';
import { ChatLab } from './chat/chat-lab.ts';
import { HttpLab } from './http/http-lab.ts';
import { AddOneLab } from './udp/add-one-lab.ts';
import { UdpEchoLab } from './udp/udp-echo-lab.ts';

export interface LabOptions {
  bufsize?: number;
  maxFrame?: number;
  /** The folder named at launch whose .py files the Programs lab may run. */
  programs?: string;
  /** Where programs started in a terminal attach to the newest page (`pnpm lab run --attach`). */
  attach?: AttachPoint;
  /** A class's grades opened with `lab report grades.json`, shown by the length-prefix lab's grader. */
  grades?: SubmissionReport[];
}

type Factories = { [L in LabId]: (ctx: LabContext, options: LabOptions) => Lab<L> };

export const LAB_FACTORIES: Factories = {
  'tcp-echo': (ctx, options) => new TcpEchoLab(ctx, options),
  'length-prefix': (ctx, options) => new LengthPrefixLab(ctx, options),
  'udp-echo': (ctx, options) => new UdpEchoLab(ctx, options),
  'add-one': (ctx) => new AddOneLab(ctx),
  programs: (ctx, options) => new ProgramsLab(ctx, options.programs ?? null, 'python3', options.attach ?? null),
  lifecycle: (ctx) => new LifecycleLab(ctx),
  servers: (ctx) => new ServersLab(ctx),
  chat: (ctx) => new ChatLab(ctx),
  http: (ctx) => new HttpLab(ctx),
};
