// Many small calls stay readable: a frame read at recv(1) folds into its first card and one row
// that says what the rest returned, and opens on demand.
import { expect, test } from '../fixtures.ts';

test('a frame read at recv(1) folds into one row, opens card by card, and the numbers add up', async ({ lengthPrefix: lab, page }) => {
  await lab.startServer();
  await lab.setBufsize(1);
  await lab.connect();
  await lab.sendMessage('Four score and seven years ago');
  // 4 header bytes and 30 of payload: 34 reads of 1 byte, then the reply.
  await expect(lab.cards('Server', /sc\.sendall\(b'\\x00\\x00\\x00\\x14 and seven/)).toHaveCount(1);

  await page.getByRole('checkbox', { name: 'Fold repeats' }).check();
  const fold = lab.log.getByRole('group', { name: /^Server lane, #\d+–#\d+: 33 more × recv\(1\) → / });
  await expect(fold).toHaveCount(1);
  await expect(fold).toContainText('33 more × recv(1)');
  await expect(fold).toContainText("→ b'\\x00\\x00\\x1eFour score and seven '… (33 bytes in all)");
  // The run's first card stays; its 33 other cards are folded away.
  await expect(lab.cards('Server', 'data = sc.recv(1)')).toHaveCount(1);
  await expect(lab.cards('Server', 'data = sc.recv(1)').first()).toContainText("b'\\x00'");

  await fold.getByRole('button', { name: /^Open the 33 calls #\d+–#\d+$/ }).click();
  await expect(fold).toHaveCount(0);
  // Card by card again: the last of them holds the payload's last byte.
  await expect(lab.cards('Server', 'data = sc.recv(1)').filter({ hasText: "b'o'" }).last()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Fold repeats' }).uncheck();
  await expect(lab.log.getByRole('group', { name: /folded$/ })).toHaveCount(0);
});
