// Taking a task over (DESIGN §4, `wtagents takeover`, `i` in the dashboard): the agent's own interactive CLI,
// resumed on the task's session, in its worktree; when it exits, what changed (new commits, uncommitted files)
// is traced and the task is `done`, ready for review again. Interactive: no sandbox, no packet, no permission
// flags — the user is at the keyboard.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../core/errors.js';
import { isFinal } from '../core/lifecycle.js';
import { plural } from '../core/format.js';
import type { TaskRecord } from '../core/task.js';
import { statusEntries } from '../git/checkouts.js';
import { commitsSince, headOf } from '../git/log.js';
import { loadConfig } from '../store/config-file.js';
import { applyTaskEvent } from '../store/task-state.js';
import { effectiveState, readTask } from '../store/tasks.js';
import { appendTrace } from '../store/trace-writer.js';
import { COMMAND_AGENT, resolveAgent } from './agent-resolve.js';

/** Each preset's interactive command line resumed on a session (AGENT-CLIS.md); none: a new session. */
const RESUME: Record<string, (id: string) => string[]> = {
  claude: (id) => ['--resume', id],
  codex: (id) => ['resume', id],
  gemini: (id) => ['--resume', id],
  opencode: (id) => ['--session', id],
  cursor: (id) => [`--resume=${id}`],
  copilot: (id) => [`--resume=${id}`],
};
/** Presets that continue their last conversation without an id. */
const HISTORY: Record<string, string[]> = { aider: ['--restore-chat-history'] };

export interface TakeoverPlan {
  task: TaskRecord;
  agent: string;
  /** The interactive command line, run in `cwd` (the task worktree). */
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionId?: string;
  /** The worktree's commit before: what is new afterwards is counted from it. */
  head: string | null;
}

/** What would be run, or why the task cannot be taken over now (a user error that says what to do). */
export async function planTakeover(taskDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TakeoverPlan> {
  const task = readTask(taskDir);
  const state = effectiveState(task);
  if (state === 'running' || state === 'queued') throw new UserError(`task ${task.id} is ${state}: stop it first (wtagents stop ${task.id}, or s in the dashboard), then take it over`);
  if (isFinal(state)) throw new UserError(`task ${task.id} is ${state}: there is nothing to take over`);
  if (state === 'draft') throw new UserError(`task ${task.id} is a dry-run draft: it has no worktree to work in`);
  if (!existsSync(task.worktree)) throw new UserError(`task ${task.id} has no worktree any more (${task.archived ? 'archived' : 'removed'}): nothing to take over`);
  const config = loadConfig(task.repo);
  const name = task.sessionAgent ?? task.agent?.name ?? config.defaultAgent;
  if (name === undefined) throw new UserError(`task ${task.id} names no agent (and the config has no defaultAgent): open a shell in ${task.worktree} instead`);
  if (name === COMMAND_AGENT) throw new UserError(`task ${task.id} ran a shell command, not an agent CLI: there is no session to resume; open a shell in ${task.worktree} instead`);
  const agent = resolveAgent(task.sessionAgent ? { name } : (task.agent ?? { name }), config, 'the task’s agent');
  if (!agent.preset) throw new UserError(`agent ${name} is an own command, not an agent CLI wtagents knows: there is no session to resume; open a shell in ${task.worktree} instead`);
  const p = agent.preset.name;
  const sessionId = task.sessionId && agent.preset.resume === 'id' ? task.sessionId : undefined;
  const resume = sessionId && RESUME[p] ? RESUME[p](sessionId) : (HISTORY[p] ?? []);
  const model = agent.model ? [agent.preset.modelFlag, agent.model] : [];
  const argv = [...(agent.command ?? [agent.preset.binary]), ...model, ...resume];
  return { task, agent: name, argv, cwd: task.worktree, env: { ...env, ...agent.env, WTAGENTS_TASK: task.id, ...(task.port ? { WTAGENTS_PORT: String(task.port) } : {}) }, ...(sessionId ? { sessionId } : {}), head: await headOf(task.worktree) };
}

/** Trace that the takeover starts (call just before running plan.argv). */
export async function startTakeover(plan: TakeoverPlan): Promise<void> {
  await appendTrace({ taskDir: plan.task.taskDir, task: plan.task.id, round: plan.task.round }, [
    { type: 'takeover.started', agent: plan.agent, command: plan.argv, ...(plan.sessionId ? { sessionId: plan.sessionId } : {}), ...(plan.head ? { head: plan.head } : {}) },
  ]);
}

export interface TakeoverResult {
  record: TaskRecord;
  commits: { sha: string; subject: string }[];
  leftovers: string[];
  exitCode: number | null;
  /** One line: what the takeover changed. */
  summary: string;
}

/** After the interactive CLI exited: what changed, traced, and the task `done` (ready for review again). */
export async function finishTakeover(plan: TakeoverPlan, exitCode: number | null, durationMs: number): Promise<TakeoverResult> {
  const { task } = plan;
  const commits = plan.head ? await commitsSince(task.worktree, plan.head) : [];
  const leftovers = existsSync(task.worktree) ? (await statusEntries(task.worktree)).map((l) => l.path) : [];
  const left = leftovers.length > 0 ? `, ${plural(leftovers.length, 'uncommitted file')}` : '';
  const summary = `taken over in ${plan.agent}: ${plural(commits.length, 'new commit')}${left}`;
  const { record } = await applyTaskEvent(task.taskDir, 'takeover', {
    reason: summary,
    events: [{ type: 'takeover.finished', exitCode, durationMs, commits, leftovers }],
    change: (t) => {
      t.stateReason = summary;
    },
  });
  return { record, commits, leftovers, exitCode, summary };
}

/** The whole takeover with this terminal: plan, the CLI in the foreground (inherited stdio), the record. */
export async function runTakeover(taskDir: string, env: NodeJS.ProcessEnv = process.env): Promise<TakeoverResult> {
  const plan = await planTakeover(taskDir, env);
  await startTakeover(plan);
  const started = Date.now();
  const r = spawnSync(plan.argv[0]!, plan.argv.slice(1), { cwd: plan.cwd, env: plan.env, stdio: 'inherit' });
  if (r.error) {
    await finishTakeover(plan, null, Date.now() - started);
    throw new UserError(`could not start ${plan.argv[0]}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`);
  }
  return finishTakeover(plan, r.status, Date.now() - started);
}
