// A student's folder graded from the page, and a class's grades opened with `lab report`: a
// failure opens the student's own calls at the one that went wrong, with their file and line.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { MISTAKES, submissionWith } from '../../bridge/test/mistakes.ts';
import { startBridgeProcess, type RunningBridge } from '../bridge-process.ts';
import { LengthPrefixPage } from '../pages/length-prefix-page.ts';

const bridgeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bridge');
const readsPast = MISTAKES.find((m) => m.name === 'reads past the frame')!;

let bridge: RunningBridge | null = null;
test.afterEach(async () => {
  await bridge?.stop();
  bridge = null;
});

/** The short-message failure's calls, opened: the focused call is the recv that read past its frame's part. */
async function expectTheReadPastTheHeader(page: Page): Promise<void> {
  const lab = new LengthPrefixPage(page);
  const row = lab.grader.getByRole('table', { name: 'Submission results' }).getByRole('row', { name: /^server: short message/ });
  await expect(row.getByRole('cell', { name: 'FAIL' })).toBeVisible();
  await expect(row).toContainText(/your server's recv read \d+ bytes where the frame needed \d+ more of the (4-byte header|message)/);
  await lab.grader.getByText(/^server: short message: the student’s calls, .* at the one that went wrong$/).click();
  const wrong = lab.grader.getByRole('list', { name: 'calls of buffered_server.py in server: short message' }).locator('li[aria-current="step"]');
  await expect(wrong).toContainText('buffered_server.py:18');
  await expect(wrong).toContainText('chunk = conn.recv(self.buffer_size)');
  await expect(wrong).toContainText(/\(\d+ bytes\)/);
  await expect(wrong).toBeFocused();
  await expect(wrong).toBeInViewport();
}

test('grade a folder from the page, open a failure, land on the student\u2019s call', async ({ page }) => {
  test.setTimeout(300_000);
  const root = mkdtempSync(path.join(tmpdir(), 'class-'));
  submissionWith(null, root);
  submissionWith(readsPast, root);
  bridge = await startBridgeProcess({ programs: root });
  const lab = new LengthPrefixPage(page);
  await lab.goto(bridge.url);
  await lab.open();
  await lab.grader.getByRole('combobox', { name: 'Folder' }).selectOption('reads-past-the-frame');
  await lab.grader.getByRole('button', { name: 'Grade folder' }).click();
  await expect(lab.grader.getByRole('status', { name: 'Folder grade progress' })).toContainText('grading reads-past-the-frame');
  await expect(lab.grader.getByRole('status', { name: 'Submission summary' })).toHaveText(`${path.join(root, 'reads-past-the-frame')}: 8 passed, 9 failed`, { timeout: 240_000 });
  await expectTheReadPastTheHeader(page);
});

test('pnpm lab report grades.json opens a class in the page, each student on demand', async ({ page }) => {
  test.setTimeout(300_000);
  const root = mkdtempSync(path.join(tmpdir(), 'class-'));
  const dirs = [submissionWith(null, root), submissionWith(readsPast, root)];
  const json = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'grade', 'length-prefix', '--submission', ...dirs, '--json'], { cwd: bridgeDir, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) =>
      // The grade exits 1 when any test failed; the document is what matters.
      stdout ? resolve(stdout) : reject(err ?? new Error('no output')),
    ),
  );
  const file = path.join(root, 'grades.json');
  writeFileSync(file, json);
  bridge = await startBridgeProcess({ report: file });
  const lab = new LengthPrefixPage(page);
  await lab.goto(`${bridge.url}#/length-prefix`);
  const summary = lab.grader.getByRole('status', { name: 'Submission summary' });
  await expect(summary).toHaveText(`${dirs[0]}: 17 passed, 0 failed`);
  await lab.grader.getByRole('combobox', { name: 'Student' }).selectOption({ label: `${dirs[1]}: 8 passed, 9 failed` });
  await expect(summary).toHaveText(`${dirs[1]}: 8 passed, 9 failed`);
  await expectTheReadPastTheHeader(page);
});
