// Where a workflow step's files go: its packet (packets/steps/RR-<label>.md) and its output (plan.md,
// review-NN.md, summary.md in the task directory), and reading an output back.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { taskPaths } from '../store/layout.js';

/** The packet of one step run: `label` is the step, or `review-2`, `fix-1` when it runs again in the round. */
export function stepPacketPath(taskDir: string, round: number, label: string): string {
  return path.join(taskPaths(taskDir).packets, 'steps', `${String(round).padStart(2, '0')}-${label}.md`);
}

/** The number the next review-NN.md gets (reviews are numbered across the task's rounds). */
export function nextReviewNo(taskDir: string): number {
  let max = 0;
  try {
    for (const name of readdirSync(taskDir)) {
      const m = /^review-(\d+)\.md$/.exec(name);
      if (m) max = Math.max(max, Number(m[1]));
    }
  } catch {
    // no task directory listing: start at 1
  }
  return max + 1;
}

/** A file's text, or undefined when it is missing or unreadable. */
export function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file the step itself wrote (modified since `sinceMs` and not empty), else undefined. */
export function writtenSince(file: string, sinceMs: number): string | undefined {
  try {
    if (statSync(file).mtimeMs < sinceMs) return undefined;
    const text = readFileSync(file, 'utf8');
    return text.trim() === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
