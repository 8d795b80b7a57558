// The one place page labs plug in: a title and a controls component per lab.
import type { LabId } from '@socket-lab/protocol';
import type { ComponentType } from 'react';
import { TcpEchoControls } from './tcp-echo/TcpEchoControls.tsx';

export interface LabEntry {
  id: LabId;
  title: string;
  Controls: ComponentType;
}

export const LABS: LabEntry[] = [{ id: 'tcp-echo', title: 'TCP echo', Controls: TcpEchoControls }];
