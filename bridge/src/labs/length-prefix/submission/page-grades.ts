// Students' files graded from the page ("Grade a folder"), and a class's report opened with
// `lab report grades.json`. The page names a folder only by one of the names listed here, read
// from the folder named at launch: it is looked up, never joined into a path.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LengthPrefixState, SubmissionReport } from '@socket-lab/protocol';
import { LabError } from '../../lab.ts';
import { gradeSubmission, type SubmissionOptions } from './submission.ts';

/** Folders listed (a class is far smaller), and reports kept. */
const MAX_FOLDERS = 500;
const MAX_REPORTS = 2000;
const FILES = ['buffered_server.py', 'buffered_client.py'];

/** The launch folder itself ('.') and each folder in it that holds a student's files, by name. */
export function submissionFolders(root: string | null): string[] {
  if (!root) return [];
  const has = (dir: string) => FILES.some((f) => existsSync(path.join(dir, f)));
  let names: string[] = [];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && has(path.join(root, d.name)))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
  return [...(has(root) ? ['.'] : []), ...names].slice(0, MAX_FOLDERS);
}

export class PageGrades {
  private readonly reports: SubmissionReport[];
  private shown: number | null;
  private running: string | null = null;
  /** The folder list, read at most every few seconds: state is published on every socket change. */
  private folders: { at: number; names: string[] } = { at: -Infinity, names: [] };

  constructor(
    private readonly root: string | null,
    opened: SubmissionReport[],
    private readonly publish: () => void,
  ) {
    this.reports = opened.slice(0, MAX_REPORTS);
    this.shown = this.reports.length > 0 ? 0 : null;
  }

  state(): LengthPrefixState['submissions'] {
    const shown = this.shown === null ? null : { index: this.shown, report: this.reports[this.shown]! };
    return {
      root: this.root,
      folders: this.folderNames(),
      running: this.running,
      list: this.reports.map((r) => ({ dir: r.dir, passed: r.passed, failed: r.failed })),
      shown,
    };
  }

  private folderNames(): string[] {
    if (performance.now() - this.folders.at > 2000) this.folders = { at: performance.now(), names: submissionFolders(this.root) };
    return this.folders.names;
  }

  show(index: number): void {
    if (index >= this.reports.length) throw new LabError('not-found', `no report ${index + 1}: there are ${this.reports.length}`);
    this.shown = index;
    this.publish();
  }

  async grade(folder: string, o: SubmissionOptions): Promise<void> {
    if (!this.root) throw new LabError('lab-error', 'no folder was named at launch: start the lab with --programs ./submissions to grade students\u2019 folders from the page');
    if (!submissionFolders(this.root).includes(folder)) {
      throw new LabError('not-found', `no folder ${JSON.stringify(folder)} with buffered_server.py or buffered_client.py in ${this.root}`);
    }
    if (this.running) throw new LabError('lab-error', `already grading ${this.running}; one folder at a time`);
    this.running = folder;
    this.publish();
    try {
      const report = await gradeSubmission(path.join(this.root, folder), o);
      if (this.reports.length >= MAX_REPORTS) this.reports.shift();
      this.reports.push(report);
      this.shown = this.reports.length - 1;
    } finally {
      this.running = null;
      this.publish();
    }
  }
}
