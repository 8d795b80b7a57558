// The sequence diagram over real TCP echo traffic: arrows exactly where the bytes went, held calls
// as ghost cards in their lanes, and a chosen one released first.
import { expect, test } from '../fixtures.ts';
import { DiagramView } from '../pages/diagram-view.ts';

/** The bytes an arrow's label writes out (`4 bytes b'Hell'`), as text. */
const bytesOf = (label: string) => /b'(.*)'$/.exec(label)?.[1] ?? '';

test('one sendall of 11 bytes fans out to the three recv(4) that read it; the echo\'s sends meet the client\'s recvs', async ({ tcpEcho, page }) => {
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(4);
  await tcpEcho.connect();
  await tcpEcho.send('Hello World');
  const recvCards = tcpEcho.cards('Server', 'data = sc.recv(4)');
  await expect(recvCards).toHaveCount(3);
  const recvs = (await recvCards.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((n) => Number(/event (\d+):/.exec(n)![1]));
  const diagram = new DiagramView(page);
  await diagram.show();

  // Scrolled back to the start (the diagram follows the live end), as a lecturer would.
  await diagram.log.evaluate((el) => (el.scrollTop = 0));
  await expect(diagram.nodes("sock.sendall(b'Hello World')")).toHaveCount(1);
  const [sendall] = await diagram.seqs(diagram.nodes("sock.sendall(b'Hello World')"));
  expect(await diagram.arrows({ from: sendall })).toEqual([
    { label: "4 bytes b'Hell'", from: sendall, to: recvs[0] },
    { label: "4 bytes b'o Wo'", from: sendall, to: recvs[1] },
    { label: "3 bytes b'rld'", from: sendall, to: recvs[2] },
  ]);

  // However the three echoes arrived (one recv or several), the client's recvs' arrows carry all 11 bytes, in order.
  await diagram.log.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const intoClient = async () => {
    const replies = await diagram.seqs(diagram.nodes('reply = sock.recv(4)'));
    return (await diagram.arrows()).filter((a) => replies.includes(a.to));
  };
  await expect.poll(async () => (await intoClient()).map((a) => bytesOf(a.label)).join('')).toBe('Hello World');
  // Each from one of the server's three echoes, in the order they were sent.
  const echoes = await diagram.seqs(diagram.nodes('sc.sendall('));
  expect(echoes).toHaveLength(3);
  expect([...new Set((await intoClient()).map((a) => a.from))]).toEqual(echoes);

  // Scrubbed back to the server's first recv(4): the diagram ends there, with only the arrow that had landed.
  const slider = page.getByRole('group', { name: 'Scrub' }).getByRole('slider', { name: 'Moment' });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < recvs[0]!; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status', { name: 'Moment shown' })).toHaveText(new RegExp(`^#${recvs[0]} · event ${recvs[0]! + 1} of \\d+: peer-1 recv$`));
  await expect.poll(async () => (await diagram.arrows()).map((a) => a.label)).toEqual(["4 bytes b'Hell'"]);
  await expect(diagram.nodes("sock.sendall(b'Hello World')")).toHaveAccessibleName(/7 bytes not read yet/);
  await page.getByRole('button', { name: 'Back to live' }).click();

  // Back to cards: the same events, as cards.
  await page.getByRole('group', { name: 'Show the calls as' }).getByRole('button', { name: 'Cards' }).click();
  await expect(tcpEcho.cards('Server', 'data = sc.recv(4)')).toHaveCount(3);
});

test('step mode draws each held call as a ghost in its lane; the lecturer releases the one they choose', async ({ tcpEcho, page }) => {
  await tcpEcho.startServer();
  await tcpEcho.setBufsize(4);
  await tcpEcho.connect();
  const diagram = new DiagramView(page);
  await diagram.show();
  await page.getByRole('group', { name: 'Stepping' }).getByRole('button', { name: 'Pause' }).click();
  await tcpEcho.send('Hello World');

  const sendallHeld = diagram.ghost('client-1: sendall(11 bytes) waiting — nothing written yet');
  await expect(sendallHeld).toBeVisible();
  await expect(diagram.nodes('sock.sendall(')).toHaveCount(0);
  await sendallHeld.getByRole('button', { name: 'Release' }).click();
  await expect(diagram.nodes("sock.sendall(b'Hello World')")).toHaveCount(1);
  const [sendall] = await diagram.seqs(diagram.nodes("sock.sendall(b'Hello World')"));
  await expect(diagram.ghost('peer-1: recv(4) waiting — 11 bytes arrived')).toBeVisible();

  // → still steps the oldest: the server's recv(4), then its echo of those 4 bytes.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('ArrowRight');
  await expect(diagram.nodes('data = sc.recv(4)')).toHaveCount(1);
  await expect(diagram.ghost('peer-1: sendall(4 bytes) waiting')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  // Now two calls wait, one in each lane: the server's next recv(4), and the client's recv of the echo.
  const serverNext = diagram.ghost('peer-1: recv(4) waiting — 7 bytes arrived');
  const clientRecv = diagram.ghost('client-1: recv(4) waiting — 4 bytes arrived');
  await expect(serverNext).toBeVisible();
  await expect(clientRecv).toBeVisible();
  await clientRecv.getByRole('button', { name: 'Release' }).click();
  await expect(diagram.nodes('reply = sock.recv(4)')).toHaveCount(1);
  const [reply] = await diagram.seqs(diagram.nodes('reply = sock.recv(4)'));
  expect((await diagram.arrows({ to: reply })).map((a) => a.label)).toEqual(["4 bytes b'Hell'"]);
  // The server's recv was not the one released: it still waits, and has read nothing more.
  await expect(serverNext).toBeVisible();
  await expect(diagram.nodes('data = sc.recv(4)')).toHaveCount(1);

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('r');
  await expect(diagram.held).toHaveCount(0);
  // The rest ran: the sendall's bytes reached the server in the same three reads as without stepping.
  await expect.poll(async () => (await diagram.arrows({ from: sendall })).map((a) => a.label)).toEqual(["4 bytes b'Hell'", "4 bytes b'o Wo'", "3 bytes b'rld'"]);
});
