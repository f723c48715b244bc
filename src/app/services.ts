// Everything the TUI asks of the engine, in one object: the components get it through a React context,
// so tests hand in real services pointed at temp repositories. What the first frame needs (tasks, traces,
// config, keys) is loaded with it; git, the runner and the review engine load on first use (./engine.ts).
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import { resolveKeys, type KeyBinding } from '../core/keys.js';
import type { AgentChoice, TaskRecord } from '../core/task.js';
import type { ChangeCount } from '../git/change-count.js';
import { changeStamp } from '../git/change-stamp.js';
import type { AbandonOptions, AbandonResult, MergeTaskOptions, MergeTaskResult, RequestChangesResult } from '../review/decisions.js';
import type { Comparison } from '../core/attempts.js';
import type { Evidence } from '../review/evidence.js';
import type { ArchiveResult } from '../review/archive.js';
import type { CleanItem, CleanOptions, CleanOutcome } from '../review/clean.js';
import type { PullRequestOptions, PullRequestResult } from '../review/pull-request.js';
import type { PrState } from '../forge/forge.js';
import type { LineComment } from '../core/line-comment.js';
import type { ReviewFiles, ReviewSession } from '../review/open.js';
import { availableAgents, type AgentInfo } from '../runner/agents.js';
import type { RunOptions } from '../runner/control.js';
import type { TakeoverPlan, TakeoverResult } from '../runner/takeover.js';
import { loadConfig } from '../store/config-file.js';
import { taskPaths } from '../store/layout.js';
import { TaskWatcher } from '../store/task-watcher.js';
import { listTasks, readTask, type TaskEntry } from '../store/tasks.js';
import { TracePager } from '../store/trace-pager.js';
import { TraceTailer, type TailOptions, type TailStats, type TailUpdate } from '../store/trace-tailer.js';
import { editText } from './editor.js';
import { displayMessage, inTmux, splitPane } from './tmux.js';

export interface NewTaskInput {
  text: string;
  base?: string;
  agent?: AgentChoice;
  scope?: string[];
  checks?: string[];
  /** Work on a new branch made from this existing branch (the base stays the merge target). */
  fromBranch?: string;
  /** Where its runs go: a runner of config `runners` (absent or `local`: this machine). */
  runner?: string;
}

export interface TuiServices {
  readonly repoRoot: string;
  readonly repoName: string;
  readonly config: Config;
  /** The key table with the config's overrides applied. */
  readonly keys: KeyBinding[];
  readonly inTmux: boolean;
  listTasks(): TaskEntry[];
  /** Call `onChange` whenever any task record is made, changed or removed; returns the unsubscribe. */
  watchTasks(onChange: () => void): () => void;
  /** Follow a task's trace (recent lines now, appended ones as they come); `stop` unfollows. */
  followTrace(taskDir: string, onUpdate: (u: TailUpdate) => void, opts?: TailOptions): { stop: () => void; stats: TailStats };
  /** Re-read every followed trace (a safety net for missed file events). */
  pollTraces(): void;
  tracePager(taskDir: string): TracePager;
  changeCount(record: TaskRecord): Promise<ChangeCount | null>;
  /** A fingerprint of the task worktree's git state read from files (no git): it changes when a count is worth redoing. */
  changeStamp(record: TaskRecord): string | null;
  worktreeExists(record: TaskRecord): boolean;
  /** Branches to start a task from, the current one first. */
  baseChoices(): Promise<string[]>;
  /** The branch checked out in the main worktree (new tasks start from it), or null when detached. */
  currentBranch(): Promise<string | null>;
  agents(): AgentInfo[];
  createTask(input: NewTaskInput): Promise<TaskRecord>;
  startRun(taskDir: string, opts?: RunOptions): Promise<TaskRecord>;
  stopRun(taskDir: string): Promise<TaskRecord>;
  /** A shell on `dir` in a new tmux split. */
  openShell(dir: string): Promise<void>;
  /** Ring the terminal bell once. */
  bell(): void;
  /** A message in tmux's status area (nothing outside tmux). */
  notify(text: string): Promise<void>;
  /** Text written in $EDITOR (the caller hands it the terminal), or null when the editor failed. */
  editText(initial: string): string | null;
  /** A task's review: range, file list (quick: without line counts, see `count`) and a per-file diff loader; null when its branch is gone. */
  openReview(taskDir: string): Promise<ReviewSession | null>;
  /** The review `wtagents review ID` opened before the first frame (its first file's diff loaded), if it is this task's: the screen starts on it. */
  openedReview(taskDir: string): ReviewSession | undefined;
  /** review/diff.patch, review/stat.txt and the `review.opened` event: once per opening of a review. */
  writeReviewFiles(session: ReviewSession): Promise<ReviewFiles>;
  collectEvidence(taskDir: string, session: ReviewSession | null, patch?: string): Promise<Evidence>;
  /** The review decisions: the engine's own functions, the same ones `wtagents review` calls. */
  mergeTask(taskDir: string, opts?: MergeTaskOptions): Promise<MergeTaskResult>;
  /** The commit message a merge (or squash) of the task would get, generated from it (title, text, checks, the agent's summary). */
  mergeMessage(taskDir: string, squash: boolean): Promise<string>;
  requestChanges(taskDir: string, feedback: string): Promise<RequestChangesResult>;
  abandonTask(taskDir: string, opts?: AbandonOptions): Promise<AbandonResult>;
  /** The best-of-N group of `record` (in its own repository): its attempts side by side and which to review first. */
  compareGroup(record: TaskRecord): Promise<Comparison>;
  /** After merging one attempt: abandon the group's other open attempts (patches kept); one line per attempt. */
  abandonOthers(taskDir: string): Promise<string[]>;
  /** Disk the task holds (its directory, plus its worktree when that lives elsewhere). */
  taskDisk(record: TaskRecord): Promise<number>;
  /** Free the worktree, its whole content saved as a patch and proven first. */
  archiveTask(taskDir: string): Promise<ArchiveResult>;
  /** The finished tasks and what clean would free; then do it (each removal proven first). */
  planClean(opts: CleanOptions): Promise<CleanItem[]>;
  runClean(items: readonly CleanItem[], opts: CleanOptions): Promise<CleanOutcome[]>;
  /** Push the task branch and open its pull request (or say which commands do it by hand). */
  openPullRequest(taskDir: string, opts?: Omit<PullRequestOptions, 'env'>): Promise<PullRequestResult>;
  /** Line comments waiting for the next request changes; saving one on the same line replaces it, empty text removes it. */
  readComments(taskDir: string): Promise<LineComment[]>;
  saveComment(taskDir: string, comment: LineComment): Promise<LineComment[]>;
  /** What taking the task over would run (its agent CLI resumed on its session), or a user error saying why not. */
  planTakeover(taskDir: string): Promise<TakeoverPlan>;
  /** `wtagents takeover ID` in a new tmux split on the worktree: the pane records what changed when the CLI exits. */
  takeoverInPane(taskDir: string): Promise<void>;
  /** The takeover with this terminal (the caller hands it over): the CLI in the foreground, then the record. */
  runTakeover(taskDir: string): Promise<TakeoverResult>;
  /** The task's pull request state as gh/glab reports it now; null without a PR or a usable CLI. */
  prState(record: TaskRecord): Promise<PrState | null>;
  /** `wtagents --all`: the repositories in the view, in order (a missing one too), for the list's group headings. */
  repoGroups?(): readonly { path: string; label: string; status: string }[];
  /** `wtagents --all`: what acts on no task (a new task, clean-up) acts on this repository (the selected task's). */
  focus?(repo: string): void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  repoRoot: string;
  config?: Config;
  env?: NodeJS.ProcessEnv;
  /** Where the bell goes (the terminal). */
  terminal?: NodeJS.WritableStream;
  /** How to run wtagents itself in a tmux split (default: this node and this script). */
  cliArgv?: string[];
  /** A review already being opened (by `wtagents review ID`): the first openReview of that task takes it. */
  openingReview?: { taskDir: string; session: Promise<ReviewSession | null>; ready?: ReviewSession | null };
}

/** The on-demand half of the engine (one chunk, loaded once, on the first call that needs it). */
const engine = () => import('./engine.js');

export function createServices(opts: ServiceOptions): TuiServices {
  const env = opts.env ?? process.env;
  const root = opts.repoRoot;
  const config = opts.config ?? loadConfig(root);
  const keys = resolveKeys(config.keys);
  const tailer = new TraceTailer();
  /** Aborted on close: a decision still waiting for a lock gives up when the TUI quits. */
  const closing = new AbortController();
  const watchers = new Set<TaskWatcher>();
  const terminal = opts.terminal ?? process.stdout;
  let opening = opts.openingReview ?? null;
  return {
    repoRoot: root,
    repoName: path.basename(root),
    config,
    keys,
    inTmux: inTmux(env),
    listTasks: () => listTasks(root),
    watchTasks(onChange) {
      const w = new TaskWatcher(root, onChange);
      watchers.add(w);
      void w.start();
      return () => {
        watchers.delete(w);
        void w.close();
      };
    },
    followTrace(taskDir, onUpdate, tailOpts) {
      const tail = tailer.follow(taskPaths(taskDir).trace, onUpdate, tailOpts);
      return { stop: () => tailer.unfollow(tail), stats: tail.stats };
    },
    pollTraces: () => tailer.pollAll(),
    tracePager: (taskDir) => new TracePager(taskPaths(taskDir).trace),
    changeCount: async (record) => (await engine()).changeCount(record.worktree, record.baseSha),
    changeStamp: (record) => changeStamp(record.worktree),
    worktreeExists: (record) => existsSync(record.worktree),
    async baseChoices() {
      const { listBranches, currentBranch } = await engine();
      return listBranches(root, await currentBranch(root));
    },
    currentBranch: async () => (await engine()).currentBranch(root),
    agents: () => availableAgents(config),
    async createTask(input) {
      const { record } = await (await engine()).createTask({
        repo: root,
        cwd: root,
        text: input.text,
        ...(input.base !== undefined ? { base: input.base } : {}),
        ...(input.agent ? { agent: input.agent } : {}),
        scope: input.scope ?? [],
        checks: input.checks ?? [],
        ...(input.fromBranch ? { from: { kind: 'branch' as const, ref: input.fromBranch } } : {}),
        ...(input.runner !== undefined && input.runner !== 'local' ? { runner: input.runner } : {}),
        mode: 'create',
      });
      return record;
    },
    startRun: async (taskDir, runOpts) => (await engine()).startRun(taskDir, runOpts),
    stopRun: async (taskDir) => (await engine()).stopRun(taskDir),
    openShell: (dir) => splitPane({ cwd: dir, env }),
    bell: () => void terminal.write('\u0007'),
    notify: (text) => displayMessage(text, env),
    editText: (initial) => editText(initial, env),
    async openReview(taskDir) {
      if (opening?.taskDir === taskDir) {
        const { session } = opening;
        opening = null;
        return session;
      }
      return (await engine()).openSession(taskDir, { quick: true });
    },
    openedReview: (taskDir) => (opening?.taskDir === taskDir ? (opening.ready ?? undefined) : undefined),
    writeReviewFiles: async (session) => (await engine()).writeReviewFiles(session),
    collectEvidence: async (taskDir, session, patch) => (await engine()).collectEvidence(taskDir, session, patch),
    mergeTask: async (taskDir, mergeOpts) => (await engine()).mergeTask(taskDir, { signal: closing.signal, ...mergeOpts }),
    async mergeMessage(taskDir, squash) {
      const e = await engine();
      return e.mergeMessage(e.readTask(taskDir), squash);
    },
    requestChanges: async (taskDir, feedback) => (await engine()).requestChanges(taskDir, feedback),
    abandonTask: async (taskDir, abandonOpts) => (await engine()).abandonTask(taskDir, abandonOpts),
    compareGroup: async (record) => (await engine()).compareGroup(record.repo, record.group?.id ?? record.id),
    abandonOthers: async (taskDir) => (await engine()).abandonOthers(readTask(taskDir)),
    taskDisk: async (record) => (await engine()).taskDisk(record),
    archiveTask: async (taskDir) => (await engine()).archiveTask(taskDir),
    planClean: async (cleanOpts) => (await engine()).planClean(root, cleanOpts),
    runClean: async (items, cleanOpts) => (await engine()).runClean(root, items, cleanOpts),
    readComments: async (taskDir) => (await engine()).readComments(taskDir),
    saveComment: async (taskDir, comment) => (await engine()).saveComment(taskDir, comment),
    openPullRequest: async (taskDir, prOpts) => (await engine()).openPullRequest(taskDir, { ...prOpts, env }),
    planTakeover: async (taskDir) => (await engine()).planTakeover(taskDir, env),
    async takeoverInPane(taskDir) {
      const e = await engine();
      const plan = await e.planTakeover(taskDir, env);
      const cli = opts.cliArgv ?? [process.execPath, realpathSync(process.argv[1] ?? 'wtagents')];
      await splitPane({ cwd: plan.cwd, command: [...cli, 'takeover', plan.task.id, '--repo', plan.task.repo], env });
    },
    runTakeover: async (taskDir) => (await engine()).runTakeover(taskDir, env),
    async prState(record) {
      if (!record.pr) return null;
      const { prState, forgeFor } = await engine();
      return prState(record.pr.forge === 'gitlab' ? forgeFor('gitlab') : forgeFor('github'), record.pr.url, record.repo, env);
    },
    async close() {
      closing.abort();
      await Promise.all([tailer.close(), ...[...watchers].map((w) => w.close())]);
      watchers.clear();
    },
  };
}
