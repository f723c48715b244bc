// `wtagents new` as an engine function: validate everything, then write the task directory (and worktree).
import { chmodSync, mkdirSync, openSync, closeSync, writeSync, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { transition } from '../core/lifecycle.js';
import { backgroundAgentPacket } from '../core/packet.js';
import { createWorktreeScript, reviewScript, type ScriptInput } from '../core/scripts.js';
import { slugify, uniqueId } from '../core/slug.js';
import { taskReadme } from '../core/task-readme.js';
import { TaskRecord, titleOf, type AgentChoice, type TaskBudget } from '../core/task.js';
import { findRepo } from '../git/find-repo.js';
import { branchExists, currentBranch, hasCommits, resolveCommit } from '../git/repo.js';
import { mergeBase, statusEntries } from '../git/checkouts.js';
import { addWorktree, ensureExcluded } from '../git/worktree.js';
import type { Config } from '../core/config.js';
import { writeFileAtomic } from './atomic.js';
import { loadConfig } from './config-file.js';
import { repoPaths, taskPaths } from './layout.js';
import { isNonEmptyDir, listTasks } from './tasks.js';
import { runHook } from './hooks.js';
import { pickPort } from './port-pick.js';
import { appendTrace } from './trace-writer.js';
import { faultPoint } from './fault-point.js';
import { cleanAbandonedCreations, doneCreating, markCreating, undoCreation } from './task-creation.js';
import { registerRepo } from './registry.js';
import { plural } from '../core/format.js';

export type TaskMode = 'dry-run' | 'create';

export interface NewTaskOptions {
  /** Directory inside the repository (default: cwd). */
  repo?: string;
  cwd?: string;
  text: string;
  base?: string;
  out?: string;
  mode?: TaskMode;
  scope?: string[];
  checks?: string[];
  constraints?: string[];
  agent?: AgentChoice;
  workflow?: string[];
  /** Start the task's branch here (an existing branch, a PR's head) instead of at the base; the base stays the merge target. */
  from?: { kind: 'branch' | 'pr'; ref: string; number?: number };
  /** The task's own limits (`--budget-usd`, `--max-minutes`), over config `budget`. */
  budget?: TaskBudget;
  /** The id to start from (default: a slug of the text); attempts are `<group>-1`, `<group>-2`, … */
  idStem?: string;
  /** Best-of-N: this task's place in its group of attempts. */
  group?: { id: string; index: number; of: number };
  /** Where its runs go: a runner of config `runners` (absent: this machine). */
  runner?: string;
}

export interface NewTaskResult {
  record: TaskRecord;
  warnings: string[];
}

export const BRANCH_PREFIX = 'wtagents/';

export async function createTask(opts: NewTaskOptions): Promise<NewTaskResult> {
  const cwd = opts.cwd ?? process.cwd();
  const mode = opts.mode ?? 'create';
  const text = opts.text.replace(/\r\n/g, '\n');
  if (text.trim() === '') throw new UserError('the task text is empty: give it with --task, --task-file or as an argument');
  if (text.includes('\0')) throw new UserError('the task text contains a NUL byte');

  const root = await findRepo(path.resolve(cwd, opts.repo ?? '.'));
  const config = loadConfig(root); // a bad config is an error naming its field, before anything is written
  if (!(await hasCommits(root))) throw new UserError(`the repository ${root} has no commits yet: make a first commit, then try again`);
  const base = opts.base ?? (await currentBranch(root)) ?? 'HEAD';
  const baseTip = await resolveCommit(root, base);
  if (baseTip === null) throw new UserError(`unknown base "${base}": no such branch, tag or commit in ${root}`);
  let baseSha = baseTip;
  let from: TaskRecord['from'];
  if (opts.from) {
    const sha = await resolveCommit(root, opts.from.ref);
    if (sha === null) throw new UserError(`unknown branch "${opts.from.ref}": no such branch or commit in ${root}`);
    // The base recorded is where the branch left the base: the review shows the branch's work and the agent's.
    baseSha = (await mergeBase(root, baseTip, sha)) ?? baseTip;
    from = { kind: opts.from.kind, ref: opts.from.ref, sha, ...(opts.from.number !== undefined ? { number: opts.from.number } : {}) };
  }

  const out = opts.out === undefined ? undefined : path.resolve(cwd, opts.out);
  if (out !== undefined) checkOutDir(out);

  const warnings: string[] = [];
  const dirty = (await statusEntries(root, { untracked: 'normal' })).map((e) => e.path);
  if (dirty.length > 0) {
    warnings.push(
      `the main worktree has ${plural(dirty.length, 'uncommitted change')}: the task starts from ${base} (${baseSha.slice(0, 12)}) without them`,
    );
  }

  if (mode === 'create') await ensureExcluded(root);
  await cleanAbandonedCreations(root); // what killed `new`s left: their makers are gone
  const { id, dir } = await reserveTask(root, opts.idStem ?? slugify(text), out);
  // Before git is touched: what this `new` makes, so a kill at any point leaves debris the next one undoes.
  // The worktree is not inside the task directory (an agent is not one `../..` away from its evidence):
  // .wtagents/worktrees/<id>, or config worktreeDir (relative to the repository). With --out, the seed's
  // layout (<out>/worktrees/<id>) is kept.
  const worktree = config.worktreeDir ? path.resolve(root, config.worktreeDir, id) : out !== undefined ? taskPaths(dir).worktree(id) : path.join(repoPaths(root).worktrees, id);
  const creation = markCreating({ root, id, taskDir: dir, branch: `${BRANCH_PREFIX}${id}`, worktree, baseSha: from?.sha ?? baseSha, ...(out !== undefined ? { link: path.join(repoPaths(root).links, id) } : {}) });
  try {
    const record = await writeTaskFiles({ ...opts, text, mode, root, base, baseSha, id, dir, config, worktree, ...(from ? { started: from } : {}) });
    doneCreating(dir);
    // Remembered for `wtagents --all` (best effort: a read-only config dir never stops a task).
    if (mode === 'create' && out === undefined) await registerRepo(root).catch(() => {});
    const hook = await runHook('afterCreate', config, record);
    if (hook && hook.code !== 0) warnings.push(`the afterCreate hook ${hook.timedOut ? 'timed out' : `failed (exit ${hook.code})`}: ${hook.output.split('\n').at(-1) ?? ''} (logs/hooks.log)`);
    return { record, warnings };
  } catch (error) {
    if (mode === 'create') await undoCreation(creation);
    releaseTask(root, id, dir, out !== undefined);
    throw error;
  }
}

/** A group id for N attempts of `text` that no task of the repository uses yet (its attempts are `<id>-1`…). */
export function freeGroupId(root: string, text: string): string {
  const rp = repoPaths(root);
  return uniqueId(slugify(text), (c) => existsSync(path.join(rp.tasks, `${c}-1`)) || existsSync(path.join(rp.links, `${c}-1`)) || existsSync(path.join(rp.tasks, c)));
}

function checkOutDir(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UserError(`--out ${out} exists and is not a directory`);
  if (existsSync(taskPaths(out).taskJson)) throw new UserError(`--out ${out} already holds a wtagents task`);
  if (isNonEmptyDir(out)) throw new UserError(`--out ${out} exists and is not empty (not a task directory)`);
}

/** Pick a free id and claim it atomically (a new directory, or a links/ entry for --out). */
async function reserveTask(root: string, stem: string, out: string | undefined): Promise<{ id: string; dir: string }> {
  const rp = repoPaths(root);
  mkdirSync(rp.tasks, { recursive: true });
  const taken = new Set<string>();
  for (;;) {
    const id = uniqueId(stem, (c) => taken.has(c) || existsSync(path.join(rp.tasks, c)) || existsSync(path.join(rp.links, c)));
    if (await branchExists(root, `${BRANCH_PREFIX}${id}`)) {
      taken.add(id);
      continue;
    }
    if (out === undefined) {
      const dir = path.join(rp.tasks, id);
      if (claim(() => mkdirSync(dir))) return { id, dir };
    } else {
      mkdirSync(rp.links, { recursive: true });
      if (claim(() => writeExclusive(path.join(rp.links, id), `${out}\n`))) {
        mkdirSync(out, { recursive: true });
        return { id, dir: out };
      }
    }
    taken.add(id);
  }
}

function claim(make: () => void): boolean {
  try {
    make();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function writeExclusive(file: string, content: string): void {
  const fd = openSync(file, 'wx');
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

function releaseTask(root: string, id: string, dir: string, linked: boolean): void {
  if (linked) rmSync(path.join(repoPaths(root).links, id), { force: true });
  rmSync(dir, { recursive: true, force: true });
}

interface WriteInput extends NewTaskOptions {
  text: string;
  mode: TaskMode;
  root: string;
  base: string;
  baseSha: string;
  id: string;
  dir: string;
  config: Config;
  worktree: string;
  started?: NonNullable<TaskRecord['from']>;
}

async function writeTaskFiles(w: WriteInput): Promise<TaskRecord> {
  const p = taskPaths(w.dir);
  const title = titleOf(w.text);
  const branch = `${BRANCH_PREFIX}${w.id}`;
  const worktree = w.worktree; // see createTask: outside the task directory unless --out keeps the seed's layout
  const now = new Date().toISOString();
  const record: TaskRecord = TaskRecord.parse({
    v: 1,
    id: w.id,
    title,
    text: w.text,
    repo: w.root,
    base: w.base,
    baseSha: w.baseSha,
    branch,
    worktree,
    taskDir: w.dir,
    mode: w.mode,
    state: 'draft',
    round: 1,
    createdAt: now,
    updatedAt: now,
    scope: w.scope?.length ? w.scope : w.config.scope,
    checks: w.checks ?? [],
    constraints: w.constraints ?? [],
    ...(w.agent ? { agent: w.agent } : {}),
    ...(w.workflow ? { workflow: w.workflow } : {}),
    ...(w.budget && Object.keys(w.budget).length > 0 ? { budget: w.budget } : {}),
    ...(w.group ? { group: w.group } : {}),
    ...(w.runner !== undefined && w.runner !== 'local' ? { runner: w.runner } : {}),
    processes: {},
    ...(w.started ? { from: w.started } : {}),
    port: await pickPort(w.id, w.config.ports, takenPorts(w.root)),
  });

  const start = w.started?.sha ?? w.baseSha;
  const scripts: ScriptInput = { id: w.id, title, repo: w.root, base: w.base, baseSha: start, branch, worktree, reviewDir: p.review };
  const packetFile = p.packet(1, 'background-agent');
  writeFileAtomic(p.readme, taskReadme({ ...record, mode: w.mode }));
  // The packet names every check wtagents will run: the task's own and the config's.
  const checks = [...new Set([...record.checks, ...w.config.checks])];
  writeFileAtomic(packetFile, backgroundAgentPacket({ ...record, text: w.text, checks }));
  writeFileAtomic(p.createWorktreeScript, createWorktreeScript(scripts));
  writeFileAtomic(p.reviewScript, reviewScript(scripts));
  chmodSync(p.createWorktreeScript, 0o755);
  chmodSync(p.reviewScript, 0o755);
  if (w.out !== undefined) mkdirSync(p.worktrees, { recursive: true }); // the seed layout has it

  const ctx = { taskDir: w.dir, task: w.id, round: 1 };
  await appendTrace(ctx, [
    { type: 'task.created', title, base: w.base, baseSha: w.baseSha, mode: w.mode },
    { type: 'packet.written', path: path.relative(w.dir, packetFile) },
  ]);
  if (w.mode === 'create') {
    await addWorktree(w.root, worktree, branch, start);
    faultPoint('new.after-worktree');
    record.state = transition(record.state, 'worktree-created'); // born ready: the table's draft → ready
    await appendTrace(ctx, [
      { type: 'worktree.created', path: worktree, branch, sha: start },
      { type: 'task.state', state: 'ready' },
    ]);
  } else {
    await appendTrace(ctx, [{ type: 'task.state', state: 'draft', reason: 'dry-run: no worktree made' }]);
  }
  writeFileAtomic(p.taskJson, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/** Ports other tasks of the repository hold (a new task picks another). */
function takenPorts(root: string): Set<number> {
  const ports = new Set<number>();
  for (const t of listTasks(root)) if (t.record.port !== undefined) ports.add(t.record.port);
  return ports;
}
