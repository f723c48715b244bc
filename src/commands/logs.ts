// `wtagents logs <id> [--follow] [--json]`: the task's trace, one formatted line per event (or raw JSON
// lines); --follow reads new lines by byte offset (the one trace reader) each time the task directory changes,
// until the task is no longer running.
import { load } from '../app/load.js';
import { watch } from 'node:fs';
import type { Command } from 'commander';
import type { ParsedLine } from '../core/trace-parse.js';
import { formatLogLine } from '../core/trace-format.js';
import { cut, oneRow } from '../core/terminal-text.js';
import { readLinesFrom, taskPaths } from '../app/paths.js';
import { resolveRepo, withRepoOption } from './common.js';
import { UsageError } from '../core/errors.js';
import { plural } from '../core/format.js';

interface LogsOptions {
  repo?: string;
  follow?: boolean;
  json?: boolean;
  afterSeq?: string;
}

/** The longest wait between two reads while following: a safety net under the directory's change events. */
const FOLLOW_MAX_WAIT_MS = 1000;
/** Without change events (no inotify watch left): read this often. */
const POLL_MS = 100;

export function registerLogs(program: Command): void {
  withRepoOption(program.command('logs'))
    .description("show a task's trace (human lines, or --json raw); --follow tails it while the task runs")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('-f, --follow', 'keep printing new events until the task is no longer running')
    .option('--json', 'print the raw trace lines (JSON Lines)')
    .option('--after-seq <n>', 'only events with a seq above n (what a follower that holds up to n still needs)')
    .action(async (id: string, opts: LogsOptions) => {
      const [repo, { effectiveState, findTaskDir, readTask }, { parseTraceLine }] = await Promise.all([
        resolveRepo(opts),
        load.storeTasks(),
        load.coreTraceParse(),
      ]);
      const taskDir = findTaskDir(repo, id);
      process.stdout.on('error', () => process.exit(0)); // a closed pipe (| head) ends us quietly
      const file = taskPaths(taskDir).trace;
      const afterSeq = opts.afterSeq === undefined ? 0 : Number(opts.afterSeq);
      if (!Number.isInteger(afterSeq) || afterSeq < 0) throw new UsageError(`--after-seq takes a whole number ≥ 0, not "${opts.afterSeq}"`);
      const out = { offset: 0, malformed: 0, json: opts.json === true, parse: parseTraceLine, afterSeq };
      drain(file, out);
      if (opts.follow) {
        const changes = watchChanges(taskDir);
        try {
          while (effectiveState(readTask(taskDir)) === 'running') {
            await changes.next();
            drain(file, out);
          }
        } finally {
          changes.close();
        }
      }
      drain(file, out); // what was written just before the end
      if (out.malformed > 0) process.stderr.write(`(${plural(out.malformed, 'malformed trace line')} skipped)\n`);
    });
}

interface Drain {
  offset: number;
  malformed: number;
  json: boolean;
  /** The trace line parser (loaded with the command: its zod schema is not built at start-up). */
  parse: (line: string) => ParsedLine;
  /** Skip events with a seq up to this (0: none skipped; set to 0 at the first later one: seqs ascend). */
  afterSeq: number;
}

/** A trace line's seq, or null when it has none (a malformed line). */
function seqOf(line: string): number | null {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : null;
  } catch {
    return null;
  }
}

/** Print every complete line from out.offset on, advancing it. */
function drain(file: string, out: Drain): void {
  for (;;) {
    const chunk = readLinesFrom(file, out.offset);
    if (chunk.offset === out.offset) return;
    out.offset = chunk.offset;
    const text: string[] = [];
    for (const line of chunk.lines) {
      if (line.trim() === '') continue;
      if (out.afterSeq > 0) {
        const seq = seqOf(line);
        if (seq === null || seq <= out.afterSeq) continue;
        out.afterSeq = 0;
      }
      if (out.json) {
        text.push(line);
        continue;
      }
      const p = out.parse(line);
      if (p.kind === 'event') text.push(formatLogLine(p.event));
      else if (p.kind === 'unknown') text.push(`(event of unknown type ${cut(oneRow(p.type), 60)})`);
      else out.malformed++;
    }
    if (text.length > 0) process.stdout.write(`${text.join('\n')}\n`);
  }
}

/** Waits for the next change in the task directory (the trace appended, task.json rewritten), FOLLOW_MAX_WAIT_MS at most. */
function watchChanges(dir: string): { next: () => Promise<void>; close: () => void } {
  let changed = false;
  let wake: (() => void) | null = null;
  let watcher: ReturnType<typeof watch> | null = null;
  try {
    watcher = watch(dir, () => {
      changed = true;
      wake?.();
    });
    watcher.on('error', () => {});
  } catch {
    // no watch to be had: poll
  }
  const wait = watcher ? FOLLOW_MAX_WAIT_MS : POLL_MS;
  return {
    next: () =>
      new Promise<void>((resolve) => {
        if (changed) {
          changed = false;
          return resolve();
        }
        const done = () => {
          clearTimeout(timer);
          wake = null;
          changed = false;
          resolve();
        };
        const timer = setTimeout(done, wait);
        wake = done;
      }),
    close: () => watcher?.close(),
  };
}
