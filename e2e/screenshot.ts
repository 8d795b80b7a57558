// Takes a screenshot of the TCP echo lab after the README's walk-through (for the README and reviews).
import { chromium } from '@playwright/test';
import { startBridgeProcess } from './bridge-process.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config.ts';
import { TcpEchoPage } from './pages/tcp-echo-page.ts';

const out = process.argv[2] ?? 'screenshots/tcp-echo.png';
const bridge = await startBridgeProcess();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const lab = new TcpEchoPage(page);
  await page.goto(bridge.url);
  await lab.startServer('0');
  await lab.connect();
  await lab.send('Hello World');
  await lab.waitForRecv('Client', 'Hello World');
  await lab.setBufsize(4);
  await lab.send('Hello World');
  await lab.waitForEventCount(14);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await bridge.stop();
}
