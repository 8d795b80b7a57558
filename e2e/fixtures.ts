// Playwright fixtures: a real bridge per worker on a free port, and the lab page opened on it.
import { test as base } from '@playwright/test';
import { startBridgeProcess, type RunningBridge } from './bridge-process.ts';
import { LengthPrefixPage } from './pages/length-prefix-page.ts';
import { TcpEchoPage } from './pages/tcp-echo-page.ts';
import { AddOnePage, UdpEchoPage } from './pages/udp-pages.ts';

export const test = base.extend<
  { tcpEcho: TcpEchoPage; lengthPrefix: LengthPrefixPage; udpEcho: UdpEchoPage; addOne: AddOnePage },
  { bridge: RunningBridge }
>({
  bridge: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const bridge = await startBridgeProcess();
      await use(bridge);
      await bridge.stop();
    },
    { scope: 'worker', auto: true },
  ],
  tcpEcho: async ({ page, bridge }, use) => {
    const lab = new TcpEchoPage(page);
    await lab.goto(bridge.url);
    await use(lab);
  },
  lengthPrefix: async ({ page, bridge }, use) => {
    const lab = new LengthPrefixPage(page);
    await lab.goto(bridge.url);
    await lab.open();
    await use(lab);
  },
  udpEcho: async ({ page, bridge }, use) => {
    const lab = new UdpEchoPage(page);
    await lab.goto(bridge.url);
    await lab.open();
    await use(lab);
  },
  addOne: async ({ page, bridge }, use) => {
    const lab = new AddOnePage(page);
    await lab.goto(bridge.url);
    await lab.open();
    await use(lab);
  },
});

export { expect } from '@playwright/test';
