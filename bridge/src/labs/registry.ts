// The one place bridge labs plug in: a factory per LabId.
import type { LabId } from '@socket-lab/protocol';
import type { Lab, LabContext } from './lab.ts';
import { LengthPrefixLab } from './length-prefix/lab.ts';
import { TcpEchoLab } from './tcp-echo.ts';
import { ProgramsLab } from './programs/programs-lab.ts';
import { AddOneLab } from './udp/add-one-lab.ts';
import { UdpEchoLab } from './udp/udp-echo-lab.ts';

export interface LabOptions {
  bufsize?: number;
  maxFrame?: number;
  /** The folder named at launch whose .py files the Programs lab may run. */
  programs?: string;
}

type Factories = { [L in LabId]: (ctx: LabContext, options: LabOptions) => Lab<L> };

export const LAB_FACTORIES: Factories = {
  'tcp-echo': (ctx, options) => new TcpEchoLab(ctx, options),
  'length-prefix': (ctx, options) => new LengthPrefixLab(ctx, options),
  'udp-echo': (ctx, options) => new UdpEchoLab(ctx, options),
  'add-one': (ctx) => new AddOneLab(ctx),
  programs: (ctx, options) => new ProgramsLab(ctx, options.programs ?? null),
};
