// The one place page labs plug in: a title, an address, controls, and an optional panel per lab.
import type { LabId } from '@socket-lab/protocol';
import type { ComponentType } from 'react';
import { GraderPanel } from './length-prefix/GraderPanel.tsx';
import { LengthPrefixControls } from './length-prefix/LengthPrefixControls.tsx';
import { TcpEchoControls } from './tcp-echo/TcpEchoControls.tsx';
import { AddOneControls } from './add-one/AddOneControls.tsx';
import { DatagramPanel } from './udp-echo/DatagramPanel.tsx';
import { UdpEchoControls } from './udp-echo/UdpEchoControls.tsx';
import { Workbench } from './workbench/Workbench.tsx';
import { ConsolePanel } from './programs/ConsolePanel.tsx';
import { ProgramsControls } from './programs/ProgramsControls.tsx';

export interface LabEntry {
  /** A bridge lab, or a page-only tool such as the workbench. */
  id: LabId | 'workbench';
  title: string;
  Controls?: ComponentType;
  /** Shown under the timeline (e.g. the grader's report). */
  Panel?: ComponentType;
  /** Shown instead of controls and timeline, for tools that need no sockets. */
  Body?: ComponentType;
}

export const LABS: LabEntry[] = [
  { id: 'tcp-echo', title: 'TCP echo', Controls: TcpEchoControls },
  { id: 'length-prefix', title: 'Length-prefix', Controls: LengthPrefixControls, Panel: GraderPanel },
  { id: 'udp-echo', title: 'UDP echo', Controls: UdpEchoControls, Panel: DatagramPanel },
  { id: 'add-one', title: 'Add-one', Controls: AddOneControls },
  { id: 'programs', title: 'Programs', Controls: ProgramsControls, Panel: ConsolePanel },
  { id: 'workbench', title: 'Bytes workbench', Body: Workbench },
];

/** The lab a URL names (`#/length-prefix`), or the first. */
export function labFromHash(hash: string): LabEntry {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return LABS.find((l) => l.id === id) ?? LABS[0]!;
}
