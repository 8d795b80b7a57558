// The bytes workbench in Chromium: the seed's '!hH?f10s', field by field, sent through TCP echo.
import { WorkbenchPage } from '../pages/workbench-page.ts';
import { expect, test } from '../fixtures.ts';

test("builds the seed's '!hH?f10s' as 19 bytes in five coloured fields, and sends them through TCP echo", async ({ tcpEcho, page }) => {
  await tcpEcho.startServer();
  await tcpEcho.connect();
  const wb = new WorkbenchPage(page);
  await wb.open();
  await wb.build('!hH?f10s', "13, 987, True, 0.3871, b'1234567890'");
  await expect(wb.size).toContainText('calcsize = 19 bytes: 000d03db013ec631f931323334353637383930');
  const fields = wb.fields.getByRole('listitem');
  await expect(fields).toHaveCount(5);
  await expect(fields.nth(0)).toHaveAccessibleName('h = 13');
  await expect(fields.nth(3)).toHaveAccessibleName('f = 0.3871000111103058');
  await expect(fields.nth(4)).toContainText('31 32 33 34 35 36 37 38 39 30');
  expect(new Set(await fields.evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor))).size).toBe(5);
  await expect(page.getByRole('list', { name: 'little-endian fields' }).getByRole('listitem').nth(1)).toContainText('db 03');

  await wb.send.getByRole('button', { name: /sock\.sendall\(…\) on TCP echo client-1/ }).click();
  await page.getByRole('link', { name: 'TCP echo' }).click();
  // The echo brings back exactly the bytes the workbench built.
  const reply = await tcpEcho.waitForRecv('Client', '00 0d 03 db 01 3e c6 31 f9 31 32 33 34 35 36');
  await expect(reply).toContainText('(19 bytes)');

  // The smaller panels fold their Send: the byte-order value goes out in network order.
  await wb.open();
  const order = page.getByRole('form', { name: 'Byte order' });
  await order.getByText('Send in network order').click();
  await expect(order.getByRole('group', { name: 'Send in network order' })).toContainText("data = struct.pack('!I', 0x01020304)");
  await order.getByRole('button', { name: /sock\.sendall\(…\) on TCP echo client-1/ }).click();
  await page.getByRole('link', { name: 'TCP echo' }).click();
  await expect(await tcpEcho.waitForRecv('Client', '01 02 03 04')).toContainText('(4 bytes)');
});

test("shows Python's struct.error as Python words it", async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const wb = new WorkbenchPage(page);
  await wb.open();
  await wb.build('!h', '32768');
  await expect(page.getByRole('alert')).toContainText("struct.error: 'h' format requires -32768 <= number <= 32767 (calcsize = 2)");
  const unpack = page.getByRole('form', { name: 'struct.unpack' });
  await expect(unpack.getByRole('status', { name: 'Unpacked' })).toContainText('→ (30,)');
});

test('keeps working with the bridge down: byte order, the bit register, zlib', async ({ page, bridge }) => {
  // Refuse the WebSocket: the page has no bridge, the workbench must not care.
  await page.routeWebSocket(/\/ws/, (ws) => ws.close());
  await page.goto(bridge.url);
  await expect(page.getByRole('status').filter({ hasText: 'disconnected' })).toBeVisible();
  const wb = new WorkbenchPage(page);
  await wb.open();
  await expect(wb.size).toContainText('calcsize = 19 bytes');

  const order = page.getByRole('form', { name: 'Byte order' });
  await expect(order.getByRole('row', { name: /little-endian/ }).getByRole('cell')).toHaveText(['04', '03', '02', '01']);
  await expect(order.getByLabel('Network byte order')).toContainText('socket.htonl(0x01020304) → 67305985 (0x04030201)');

  const bits = page.getByRole('group', { name: 'Bits' });
  await bits.getByRole('button', { name: '~x' }).click();
  await expect(bits.getByRole('status', { name: 'Register value' })).toContainText("x = -10 · 8 bits: unsigned 246, two's complement -10");
  await expect(bits.getByRole('button', { name: 'bit 0 = 0', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await bits.getByRole('button', { name: 'bit 0 = 0', exact: true }).click();
  await expect(bits.getByRole('button', { name: 'bit 0 = 1', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(bits.getByRole('status', { name: 'Register value' })).toContainText('x = -9');
  await bits.getByRole('textbox', { name: 'n possibilities' }).fill('1000');
  await expect(bits).toContainText('need ⌈log₂ 1000⌉ = 10 bits');

  await expect(page.getByRole('form', { name: 'zlib' }).getByRole('status')).toContainText(/len\(zlib\.compress\(data\)\) = \d+ bytes from 1540/);
});

test('text: UTF-8 bytes, the mojibake of reading them as Windows-1252, and Python\'s encode error', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const wb = new WorkbenchPage(page);
  await wb.open();
  const text = page.getByRole('form', { name: 'Text' });
  await text.getByRole('textbox', { name: 'Text' }).fill('é');
  await expect(text.getByRole('status', { name: 'Encoded' })).toHaveText("text.encode('utf-8') → 2 bytes: c3 a9");
  await expect(text.getByRole('status', { name: 'Decoded' })).toContainText('.decode(\'cp1252\') → "Ã©" (mojibake');
  await text.getByRole('combobox', { name: 'Encode with' }).selectOption('ascii');
  await expect(text.getByRole('status', { name: 'Encoded' })).toHaveText("UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)");
});

test('text: a multi-byte codec loads on demand; Shift JIS bytes read as GB 18030 are mojibake, as in Python', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const wb = new WorkbenchPage(page);
  await wb.open();
  const text = page.getByRole('form', { name: 'Text' });
  await text.getByRole('textbox', { name: 'Text' }).fill('日本');
  await text.getByRole('combobox', { name: 'Encode with' }).selectOption('shift_jis');
  await text.getByRole('combobox', { name: 'Decode with' }).selectOption('gb18030');
  // python3 -c "print('日本'.encode('shift_jis').decode('gb18030'))" prints 擔杮
  await expect(text.getByRole('status', { name: 'Encoded' })).toHaveText("text.encode('shift_jis') → 4 bytes: 93 fa 96 7b");
  await expect(text.getByRole('status', { name: 'Decoded' })).toContainText('.decode(\'gb18030\') → "擔杮" (mojibake');
  await text.getByRole('combobox', { name: 'Decode with' }).selectOption('euc_jp');
  await expect(text.getByRole('status', { name: 'Decoded' })).toContainText("UnicodeDecodeError: 'euc_jp' codec can't decode byte 0x93 in position 0: illegal multibyte sequence");
  await expect(text.getByRole('group', { name: 'Send the encoded text' })).toContainText("data = '日本'.encode('shift_jis')");
});
