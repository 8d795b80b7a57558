// The one place page labs plug in: a title, an address, controls, and an optional panel per lab.
import type { LabId, SocketEvent } from '@socket-lab/protocol';
import type { ComponentType } from 'react';
import type { LabStore } from '../store/lab-store.ts';
import type { TimelineNote } from '../timeline-layout.ts';
import type { ByteMark } from '../components/HexDump.tsx';
import { httpMarks } from './http/http-marks.ts';
import { GraderPanel } from './length-prefix/GraderPanel.tsx';
import { LengthPrefixControls } from './length-prefix/LengthPrefixControls.tsx';
import { TcpEchoControls } from './tcp-echo/TcpEchoControls.tsx';
import { AddOneControls } from './add-one/AddOneControls.tsx';
import { DatagramPanel } from './udp-echo/DatagramPanel.tsx';
import { UdpEchoControls } from './udp-echo/UdpEchoControls.tsx';
import { Workbench } from './workbench/Workbench.tsx';
import { ConsolePanel } from './programs/ConsolePanel.tsx';
import { ProgramsControls } from './programs/ProgramsControls.tsx';
import { LifecycleControls, lifecycleNote } from './lifecycle/LifecycleControls.tsx';
import { LifecyclePanel } from './lifecycle/LifecyclePanel.tsx';
import { ServersControls } from './servers/ServersControls.tsx';
import { ServersPanel } from './servers/ServersPanel.tsx';
import { ChatControls } from './chat/ChatControls.tsx';
import { ChatPanels } from './chat/ChatPanels.tsx';
import { HttpControls } from './http/HttpControls.tsx';
import { HttpPanel } from './http/HttpPanel.tsx';

export interface LabEntry {
  /** A bridge lab, or a page-only tool such as the workbench. */
  id: LabId | 'workbench';
  title: string;
  Controls?: ComponentType;
  /** Shown under the timeline (e.g. the grader's report). */
  Panel?: ComponentType;
  /** Shown instead of controls and timeline, for tools that need no sockets. */
  Body?: ComponentType;
  /** A line under one event of the timeline (what a Lifecycle moment did, under the event that completed it). */
  note?: (store: LabStore) => TimelineNote | null;
  /** Ranges the lab marks in an event's bytes in its detail (`bytes`: the event's, whole). */
  marks?: (events: SocketEvent[], e: SocketEvent, bytes: Uint8Array) => ByteMark[];
}

export const LABS: LabEntry[] = [
  { id: 'tcp-echo', title: 'TCP echo', Controls: TcpEchoControls },
  { id: 'length-prefix', title: 'Length-prefix', Controls: LengthPrefixControls, Panel: GraderPanel },
  { id: 'udp-echo', title: 'UDP echo', Controls: UdpEchoControls, Panel: DatagramPanel },
  { id: 'add-one', title: 'Add-one', Controls: AddOneControls },
  { id: 'programs', title: 'Programs', Controls: ProgramsControls, Panel: ConsolePanel },
  { id: 'lifecycle', title: 'Lifecycle', Controls: LifecycleControls, Panel: LifecyclePanel, note: lifecycleNote },
  { id: 'servers', title: 'Servers', Controls: ServersControls, Panel: ServersPanel },
  { id: 'chat', title: 'Chat', Controls: ChatControls, Panel: ChatPanels },
  { id: 'http', title: 'HTTP', Controls: HttpControls, Panel: HttpPanel, marks: httpMarks },
  { id: 'workbench', title: 'Bytes workbench', Body: Workbench },
];

/** The lab a URL names (`#/length-prefix`), or the first. */
export function labFromHash(hash: string): LabEntry {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return LABS.find((l) => l.id === id) ?? LABS[0]!;
}
