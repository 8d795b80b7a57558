// Takes a screenshot of the TCP echo lab after the README's walk-through (for the README and reviews).
import { chromium } from '@playwright/test';
import { startBridgeProcess } from './bridge-process.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config.ts';
import { DeckPage } from './pages/deck-page.ts';
import { ProgramsPage } from './pages/programs-page.ts';
import { LifecyclePage } from './pages/lifecycle-page.ts';
import { ServersPage } from './pages/servers-page.ts';
import { ChatPage } from './pages/chat-page.ts';
import { HttpPage } from './pages/http-page.ts';
import { LengthPrefixPage } from './pages/length-prefix-page.ts';
import { TcpEchoPage } from './pages/tcp-echo-page.ts';
import { AddOnePage, UdpEchoPage } from './pages/udp-pages.ts';

const which = process.argv[2] ?? 'tcp-echo'; // tcp-echo | diagram | replay | udp-diagram | programs | lifecycle | nagle | backlog | handshake | address-in-use | deck-nagle | servers | chat | http | scrub | udp-echo | add-one | length-prefix | grader | workbench | text | deck | deck-dark | deck-projector
// Any mode takes a theme suffix: grader-projector, deck-dark.
const mode = which.replace(/-(dark|projector)$/, '');
const out = process.argv[3] ?? `screenshots/${which}.png`;
const bridge = await startBridgeProcess();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const lab = new TcpEchoPage(page);
  const theme = /-(dark|projector)$/.exec(which)?.[1];
  await lab.goto(theme ? `${bridge.url.replace(/\/?$/, '/')}?theme=${theme}` : bridge.url);
  if (mode.startsWith('deck') && mode !== 'deck-nagle') {
    const deck = new DeckPage(page);
    await deck.gotoDeck(page.url(), '#/deck/tcp-echo/4');
    await page.keyboard.press('Enter');
    await deck.held.filter({ hasText: 'sendall' }).waitFor();
    for (let i = 0; i < 3; i++) {
      const before = await page.getByLabel('events recorded').textContent();
      await page.keyboard.press('ArrowRight');
      await page.getByLabel('events recorded').filter({ hasNotText: before ?? '' }).waitFor();
      await deck.held.filter({ hasNotText: 'nothing waiting' }).waitFor();
    }
    await deck.cards('Server', 'data = sc.recv(4)').first().waitFor({ state: 'attached' });
  } else if (mode === 'tcp-echo' || mode === 'diagram' || mode === 'replay') {
    await lab.startServer('0');
    await lab.connect();
    await lab.send('Hello World');
    await lab.waitForRecv('Client', 'Hello World');
    await lab.setBufsize(4);
    await lab.send('Hello World');
    await lab.waitForEventCount(14);
    if (mode === 'diagram') await page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Diagram' }).click();
    if (mode === 'replay') {
      // The session saved, then opened beside the live one.
      const download = page.waitForEvent('download');
      await page.getByRole('group', { name: 'Trace' }).getByRole('button', { name: 'Save trace' }).click();
      const file = `${out}.trace.json`;
      await (await download).saveAs(file);
      await page.getByLabel('Trace file').setInputFiles(file);
      await page.getByRole('group', { name: 'Session shown' }).waitFor();
    }
  } else if (mode === 'programs') {
    // Seed 000's TCP server and client from the Programs tab, in the projector theme.
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector`);
    const programs = new ProgramsPage(page);
    await programs.open();
    await programs.run('tcp_server.py');
    await programs.console.filter({ hasText: 'Server:' }).waitFor();
    await programs.run('tcp_client.py', '"Hello World"');
    await programs.console.filter({ hasText: "Reply: b'Hello World'" }).waitFor();
    await programs.run_('tcp_client.py Hello World').filter({ hasText: 'exit status 0' }).waitFor();
    const recv = await programs.scrollUntilShown(programs.programCards('data = sc.recv(BUF_SIZE) # recvfrom not needed since address known').first());
    await recv.scrollIntoViewIfNeeded();
  } else if (mode === 'lifecycle') {
    // The Lifecycle tab in the projector theme: the server that forgot close(), in CLOSE_WAIT.
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/lifecycle`);
    const lifecycle = new LifecyclePage(page);
    await lifecycle.open();
    await lifecycle.press('Forgot close()');
    await lifecycle.kernelNow(/^pid \d+ · MainThread lane$/).filter({ hasText: /CLOSE_WAIT .*for [2-9] s/ }).waitFor();
  } else if (mode === 'nagle' || mode === 'backlog') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/lifecycle`);
    const lifecycle = new LifecyclePage(page);
    await lifecycle.open();
    if (mode === 'nagle') {
      // Nagle on, then TCP_NODELAY switched on from the page: both kinds of round trip in the chart.
      await lifecycle.press('Nagle');
      await page.getByRole('img', { name: /Nagle on, median \d.* over ([5-9]|\d\d+) round trips/ }).waitFor({ timeout: 60_000 });
      await page.getByRole('switch', { name: 'TCP_NODELAY' }).click();
      await page.getByRole('img', { name: /TCP_NODELAY, median \d.* over ([5-9]|\d\d+) round trips/ }).waitFor({ timeout: 60_000 });
    } else {
      await lifecycle.press('Backlog');
      await page.getByRole('note', { name: 'In the kernel now' }).filter({ hasText: 'SYN_SENT' }).first().waitFor({ timeout: 30_000 });
    }
  } else if (mode === 'address-in-use') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/lifecycle`);
    const lifecycle = new LifecyclePage(page);
    await lifecycle.open();
    await lifecycle.press('Address in use');
    await page.getByRole('note', { name: /^What happened, under event/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('note', { name: 'In the kernel now' }).filter({ hasText: 's left' }).first().waitFor({ timeout: 30_000 });
  } else if (mode === 'deck-nagle') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/deck/nagle/4`);
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: /Nagle on, median \d.* over ([5-9]|\d\d+) round trips/ }).waitFor({ timeout: 60_000 });
  } else if (mode === 'chat') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/chat`);
    const chat = new ChatPage(page);
    await chat.open();
    await chat.start();
    const alice = await chat.join();
    const bob = await chat.join();
    await chat.say(alice, 'alice');
    await chat.lines(alice).filter({ hasText: 'welcome alice' }).waitFor();
    await chat.say(bob, 'bo', false);
    await chat.cards('pid', "b'bo'").first().waitFor({ state: 'attached' }).catch(() => {});
    await chat.say(bob, 'b');
    await chat.lines(bob).filter({ hasText: 'welcome bob' }).waitFor();
    await chat.say(alice, '@bob hi there');
    await chat.lines(bob).filter({ hasText: 'alice: hi there' }).waitFor();
  } else if (mode === 'http') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/http`);
    const http = new HttpPage(page);
    await http.open();
    await http.start();
    await http.client.getByRole('button', { name: 'Send request' }).click();
    await http.messages.getByRole('listitem', { name: 'status line: HTTP/1.1 200 OK' }).waitFor();
    if (out.includes('detail')) await http.cards(/pid \d+ · Thread-\d+ \(handle\)/, 'data = conn.recv(BUF_SIZE)').filter({ hasText: "b'GET / HTTP/1.1" }).first().click();
  } else if (mode === 'servers') {
    // The Server styles tab in the projector theme: the iterative server, C waiting for A and B.
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/servers`);
    const servers = new ServersPage(page);
    await servers.open();
    await servers.press('Iterative');
    await servers.run.filter({ hasText: 'all three answered' }).waitFor({ timeout: 60_000 });
  } else if (mode === 'handshake') {
    await lab.goto(`${bridge.url.replace(/\/?$/, '/')}?theme=projector#/lifecycle`);
    const lifecycle = new LifecyclePage(page);
    await lifecycle.open();
    await lifecycle.press('Handshake');
    await page.getByRole('note', { name: /^What happened, under event/ }).waitFor({ timeout: 30_000 });
  } else if (mode === 'scrub') {
    await lab.startServer('0');
    await lab.setBufsize(4);
    await lab.connect();
    await lab.send('Hello World');
    await lab.waitForEventCount(14);
    await page.getByRole('slider', { name: 'Moment' }).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('status', { name: 'Moment shown' }).filter({ hasText: 'event 8 of' }).waitFor();
  } else if (mode === 'udp-diagram') {
    // The relay drops and duplicates: the diagram's arrows show each datagram's fate.
    const udp = new UdpEchoPage(page);
    await udp.open();
    await udp.startServer('0');
    const relay = page.getByRole('form', { name: 'Relay' });
    await relay.getByRole('textbox', { name: 'Drop %' }).fill('30');
    await relay.getByRole('textbox', { name: 'Duplicate %' }).fill('30');
    await relay.getByRole('textbox', { name: 'Reorder %' }).fill('0');
    await relay.getByRole('button', { name: 'Start relay' }).click();
    await relay.getByRole('status', { name: 'Relay state' }).filter({ hasText: 'relay on' }).waitFor();
    for (const word of ['one', 'two', 'three', 'four']) {
      await udp.sendto(word);
      await udp.cards('Relay', 'recvfrom').filter({ hasText: word }).first().waitFor();
    }
    await page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Diagram' }).click();
  } else if (mode === 'udp-echo') {
    const udp = new UdpEchoPage(page);
    await udp.open();
    await udp.startServer('0');
    await udp.setBufsize(8);
    await udp.sendto('This is a test');
    await udp.compareBoundaries();
  } else if (mode === 'workbench') {
    await page.getByRole('link', { name: 'Bytes workbench' }).click();
    await page.getByRole('list', { name: 'Packed fields' }).waitFor();
  } else if (mode === 'text') {
    await page.getByRole('link', { name: 'Bytes workbench' }).click();
    const text = page.getByRole('form', { name: 'Text' });
    await text.getByRole('textbox', { name: 'Text' }).fill('日本語 and 中文');
    await text.getByRole('combobox', { name: 'Encode with' }).selectOption('shift_jis');
    await text.getByRole('combobox', { name: 'Decode with' }).selectOption('gb18030');
    await text.getByRole('status', { name: 'Decoded' }).filter({ hasText: 'gb18030' }).waitFor();
    await text.scrollIntoViewIfNeeded();
  } else if (mode === 'add-one') {
    const a = new AddOnePage(page);
    await a.open();
    await a.startServer('0');
    await a.send(1);
    await a.result.filter({ hasText: '1 + 1 = 2' }).waitFor();
    await a.send(32767);
    await a.result.filter({ hasText: 'no reply within 2 s' }).waitFor();
  } else {
    const lp = new LengthPrefixPage(page);
    await lp.open();
    await lp.startServer('0');
    await lp.setBufsize(4);
    await lp.connect();
    await lp.sendMessage('Four score and seven years ago');
    await lp.cards('Server', 'sc.sendall(').waitFor();
    if (mode === 'grader') {
      await lp.client.getByRole('button', { name: 'shutdown()' }).click();
      await lp.runGrader();
    }

  }
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await bridge.stop();
}
