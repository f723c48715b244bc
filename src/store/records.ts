// The supervisor's records of a task's runs: <repo>/.wtagents/records/<id>.jsonl, appended only by the
// supervisor, outside the task directory and hidden from sandboxed agents. The review trusts the run's
// facts (state, checks, exit codes, sandbox, guard findings) from here, and compares the task's files with them.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TASK_STATES } from '../core/lifecycle.js';
import { withFileBytes } from './file-bytes.js';
import { repoPaths } from './layout.js';

function buildRunRecord() {
  const Base = { v: z.literal(1), at: z.string(), task: z.string(), round: z.number().int().positive() };
  return z.discriminatedUnion('kind', [
  z.looseObject({ ...Base, kind: z.literal('run.started'), sandbox: z.string(), supervisorPid: z.number().int() }),
  z.looseObject({ ...Base, kind: z.literal('step.exited'), step: z.string(), code: z.number().int().nullable(), signal: z.string().nullable() }),
  z.looseObject({
    ...Base,
    kind: z.literal('checks'),
    results: z.array(z.object({ cmd: z.string(), exitCode: z.number().int().nullable(), timedOutSeconds: z.number().optional() })),
  }),
  z.looseObject({ ...Base, kind: z.literal('guard.violation'), what: z.string(), detail: z.string() }),
  z.looseObject({ ...Base, kind: z.literal('run.finished'), state: z.enum(TASK_STATES), reason: z.string() }),
  ]);
}
/** One record line (the schema is built on first use). */
export const RunRecord = z.lazy(buildRunRecord);
export type RunRecord = z.infer<typeof RunRecord>;
type Distribute<T> = T extends unknown ? Omit<T, 'v' | 'at' | 'task' | 'round'> : never;
export type NewRunRecord = Distribute<RunRecord>;

export function recordsFile(repo: string, id: string): string {
  return path.join(repoPaths(repo).records, `${id}.jsonl`);
}

/** Append one record (one write of one whole line). */
export function appendRecord(repo: string, ctx: { task: string; round: number }, record: NewRunRecord): void {
  const file = recordsFile(repo, ctx.task);
  mkdirSync(path.dirname(file), { recursive: true });
  const line = JSON.stringify({ v: 1, at: new Date().toISOString(), task: ctx.task, round: ctx.round, ...record });
  appendFileSync(file, `${endsClean(file) ? '' : '\n'}${line}\n`); // a torn earlier line never swallows this one
}

/** Whether the file is empty, missing, or ends with a newline. */
function endsClean(file: string): boolean {
  return withFileBytes(file, (f) => f.size === 0 || f.read(f.size - 1, 1)[0] === 0x0a) ?? true;
}

/** Every readable record of the task, in order (broken lines skipped); null when the task has no records file. */
export function readRecords(repo: string, id: string): RunRecord[] | null {
  let text: string;
  try {
    text = readFileSync(recordsFile(repo, id), 'utf8');
  } catch {
    return null;
  }
  const out: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = RunRecord.safeParse(JSON.parse(line));
      if (r.success && r.data.task === id) out.push(r.data);
    } catch {
      // a broken line: skipped
    }
  }
  return out;
}
