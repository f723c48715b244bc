// `wtagents new`: make a task (packet, scripts, trace, and in create mode its branch and worktree).
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { errorLine, UsageError, UserError } from '../core/errors.js';
import { taskPaths } from '../app/paths.js';
import type { TaskMode } from '../app/types.js';
import { collect, print, printJson, resolveRepo, warn, withRepoOption } from './common.js';
import { agentChoice, withAgentOptions, type AgentOptions } from './agent-options.js';

interface NewOptions extends AgentOptions {
  run?: boolean;
  repo?: string;
  task?: string;
  taskFile?: string;
  base?: string;
  out?: string;
  mode: TaskMode;
  scope?: string[];
  check?: string[];
  constraint?: string[];
  budgetUsd?: string;
  maxMinutes?: string;
  attempts?: string;
  json?: boolean;
  on?: string;
  fromBranch?: string;
  pr?: string;
}

export function registerNew(program: Command): void {
  withAgentOptions(withRepoOption(program.command('new')))
    .description('make a task: its own branch, worktree, packet and trace')
    .argument('[task...]', 'the task text (or use --task / --task-file)')
    .option('--task <text>', 'the task text')
    .option('--task-file <file>', 'read the task text from a file ("-" for stdin)')
    .option('--base <ref>', 'branch or commit the task starts from (default: the current branch)')
    .option('--out <dir>', 'task directory (default: .wtagents/tasks/<id>)')
    .addOption(new Option('--mode <mode>', 'dry-run writes files only; create also makes the worktree').choices(['dry-run', 'create']).default('create'))
    .option('--scope <glob>', 'a path the agent may touch (repeatable)', collect)
    .option('--check <cmd>', 'a done-criteria command run in the worktree (repeatable)', collect)
    .option('--constraint <text>', 'a constraint for the agent (repeatable)', collect)
    .option('--attempts <agents|n>', 'best of N: one task per attempt, in a group (`claude,codex,gemini`, or `3` with the task\'s agent)')
    .option('--budget-usd <dollars>', "stop a run whose agents' cost goes over this (over config budget.maxCostUsd)")
    .option('--max-minutes <minutes>', 'stop a run that takes longer than this, all steps together')
    .option('--run', "start the task's agent in the background at once")
    .option('--on <runner>', 'where its runs go: local (default), a runner of config `runners` (ssh), or pool:NAME (the least busy of a pool)')
    .option('--from-branch <branch>', 'work on (a new branch made from) this existing branch; the base stays the merge target')
    .option('--pr <number>', 'continue a pull request: its head is fetched (no checkout is touched) and the task starts there')
    .option('--json', 'print the task record as JSON')
    .action(async (words: string[], opts: NewOptions) => {
      if (opts.fromBranch !== undefined && opts.pr !== undefined) throw new UsageError('choose --from-branch or --pr, not both');
      const pr = opts.pr !== undefined ? await fetchPrFor(opts) : undefined;
      if (pr && pr.base !== undefined && opts.base === undefined) opts.base = pr.base;
      const text = pr && words.length === 0 && opts.task === undefined && opts.taskFile === undefined ? `Continue pull request #${pr.number}${pr.title ? `: ${pr.title}` : ''}` : taskText(words, opts);
      const agent = agentChoice(opts);
      if (opts.run && opts.mode === 'dry-run') throw new UsageError('--run needs a worktree: it cannot go with --mode dry-run');
      const runner = opts.on !== undefined ? (await load.runnerSshRunnerChoice()).chooseRunner(await resolveRepo(opts), opts.on) : undefined;
      const { createTask } = await load.storeCreateTask();
      const budget = {
        ...(opts.budgetUsd !== undefined ? { maxCostUsd: positive(opts.budgetUsd, '--budget-usd') } : {}),
        ...(opts.maxMinutes !== undefined ? { maxMinutes: positive(opts.maxMinutes, '--max-minutes') } : {}),
      };
      if (opts.attempts !== undefined) {
        if (opts.out !== undefined || opts.mode === 'dry-run') throw new UsageError('--attempts makes tasks with their own worktrees: it cannot go with --out or --mode dry-run');
        const { newAttempts } = await import('./new-attempts.js');
        return newAttempts(opts.attempts, {
          repo: await resolveRepo(opts),
          text,
          ...(opts.base !== undefined ? { base: opts.base } : {}),
          scope: opts.scope ?? [],
          checks: opts.check ?? [],
          constraints: opts.constraint ?? [],
          ...(agent ? { agent } : {}),
          budget,
          run: opts.run === true,
          json: opts.json === true,
        });
      }
      const made = await createTask({
        ...(opts.repo !== undefined ? { repo: opts.repo } : {}),
        text,
        ...(opts.base !== undefined ? { base: opts.base } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        mode: opts.mode,
        scope: opts.scope ?? [],
        checks: opts.check ?? [],
        constraints: opts.constraint ?? [],
        ...(agent ? { agent } : {}),
        ...(opts.fromBranch !== undefined ? { from: { kind: 'branch' as const, ref: opts.fromBranch } } : {}),
        ...(pr ? { from: { kind: 'pr' as const, ref: pr.ref, number: pr.number } } : {}),
        budget,
      });
      if (runner !== undefined) {
        const { updateTask } = await load.storeTasks();
        made.record = await updateTask(made.record.taskDir, (t) => {
          t.runner = runner;
        });
      }
      const { warnings } = made;
      const record = opts.run ? await startMade(made.record.taskDir, made.record.id) : made.record;
      for (const w of warnings) warn(w);
      if (opts.json) return printJson(record);
      const p = taskPaths(record.taskDir);
      print(
        [
          `Created task ${record.id} (${record.state})`,
          record.from
            ? `  branch    ${record.branch} from ${record.from.kind === 'pr' ? `pull request #${record.from.number}` : record.from.ref} (${record.from.sha.slice(0, 12)}), to merge into ${record.base}`
            : `  branch    ${record.branch} from ${record.base} (${record.baseSha.slice(0, 12)})`,
          `  worktree  ${record.worktree}${record.mode === 'dry-run' ? ' (not created: dry-run)' : ''}`,
          `  packet    ${p.packet(1, 'background-agent')}`,
          record.state === 'running'
            ? `  running   supervisor pid ${record.processes.supervisor?.pid}: wtagents logs ${record.id} --follow`
            : record.state === 'queued'
              ? `  queued    it starts when a slot frees (config maxParallel): wtagents list`
              : `  next      ${record.mode === 'dry-run' ? `bash ${p.createWorktreeScript}` : `wtagents run ${record.id}`}`,
        ].join('\n'),
      );
    });
}

async function startMade(taskDir: string, id: string) {
  try {
    const { startRun } = await load.runnerControl();
    return await startRun(taskDir);
  } catch (error) {
    throw new UserError(`created task ${id}, but did not start it: ${errorLine(error)}`);
  }
}

/** A positive number from an option, or a usage error naming it. */
function positive(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got "${text}")`);
  return n;
}

function taskText(words: string[], opts: NewOptions): string {
  const sources = [words.length > 0, opts.task !== undefined, opts.taskFile !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError('give the task one way only: an argument, --task or --task-file');
  if (opts.taskFile !== undefined) {
    try {
      return readFileSync(opts.taskFile === '-' ? 0 : opts.taskFile, 'utf8');
    } catch (error) {
      throw new UserError(`cannot read --task-file ${opts.taskFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (opts.task !== undefined) return opts.task;
  return words.join(' ');
}

/** `--pr N`: the pull request's head fetched into refs/wtagents/pr/N, with its base and title when gh/glab can tell. */
async function fetchPrFor(opts: NewOptions) {
  const n = Number(opts.pr);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--pr "${opts.pr}": give the pull request's number`);
  const [repo, { fetchPr }] = await Promise.all([resolveRepo(opts), load.forgePrFetch()]);
  return fetchPr(repo, n, opts.base !== undefined ? { base: opts.base } : {});
}
