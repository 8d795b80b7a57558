// Playwright fixtures: a real bridge per worker on a free port, and the lab page opened on it.
import { test as base, type Page } from '@playwright/test';
import { startBridgeProcess, type RunningBridge } from './bridge-process.ts';
import type { LabPage } from './pages/lab-page.ts';
import { LengthPrefixPage } from './pages/length-prefix-page.ts';
import { TcpEchoPage } from './pages/tcp-echo-page.ts';
import { AddOnePage, UdpEchoPage } from './pages/udp-pages.ts';

/** A fixture that loads the page from the bridge and, for labs behind a tab, opens that tab. */
function opened<P extends LabPage & { open?(): Promise<void> }>(PageObject: new (page: Page) => P) {
  return async ({ page, bridge }: { page: Page; bridge: RunningBridge }, use: (lab: P) => Promise<void>) => {
    const lab = new PageObject(page);
    await lab.goto(bridge.url);
    await lab.open?.();
    await use(lab);
  };
}

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
  tcpEcho: opened(TcpEchoPage),
  lengthPrefix: opened(LengthPrefixPage),
  udpEcho: opened(UdpEchoPage),
  addOne: opened(AddOnePage),
});

export { expect } from '@playwright/test';
