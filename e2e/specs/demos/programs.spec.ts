// Demo of the deck's Programs exercise: seed 000's real udp_server.py and udp_client.py, traced;
// the port the server prints is the one the kernel gave the client's unbound socket at its sendto.
import { DeckPage } from '../../pages/deck-page.ts';
import { ProgramsPage } from '../../pages/programs-page.ts';
import { expect, test } from '../../fixtures.ts';

test("programs: the server prints the client's ephemeral port, the one its recvfrom returned", async ({ page, bridge }) => {
  const deck = new DeckPage(page);
  await deck.runExercise(bridge.url, 'programs');
  const programs = new ProgramsPage(page);
  // Two real Python programs start: on a loaded machine that takes a while.
  await expect(programs.console).toContainText(/IP: 127\.0\.0\.1 Port: \d+ Message: This is a test/, { timeout: 30_000 });
  const port = /Port: (\d+) Message/.exec((await programs.console.textContent())!)![1]!;
  const recvfrom = await programs.scrollUntilShown(programs.programCards('data, address = sock.recvfrom(BUF_SIZE) # Receive up to "BUF_SIZE" bytes').first());
  await expect(recvfrom).toContainText(`('127.0.0.1', ${port})`);
  await expect(programs.programCards('sock.sendto(data, (HOST, PORT)) # Send message to server')).toHaveCount(1);
});
