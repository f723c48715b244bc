// `wtagents run <id>`: start the task's agent in the background (or --print the plan and run nothing).
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError, UserError } from '../core/errors.js';
import type { StepPlan } from '../app/types.js';
import { agentChoice, withAgentOptions, type AgentOptions } from './agent-options.js';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

interface RunCliOptions extends AgentOptions {
  repo?: string;
  feedback?: string;
  feedbackFile?: string;
  print?: boolean;
  json?: boolean;
  on?: string;
}

export function registerRun(program: Command): void {
  withAgentOptions(withRepoOption(program.command('run')))
    .description("start the task's agent in the background (returns at once)")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('--feedback <text>', 'request changes: this text becomes the next round packet')
    .option('--feedback-file <file>', 'read the feedback from a file ("-" for stdin)')
    .option('--print', 'show what would run (commands, env with secrets masked) and run nothing')
    .option('--json', 'print the task record (or with --print, the plans) as JSON')
    .option('--on <runner>', 'run it there from now on: local, a runner of config `runners` (ssh), or pool:NAME')
    .action(async (id: string, opts: RunCliOptions) => {
      const [repo, { findTaskDir }, { startTask, prepareRun }] = await Promise.all([resolveRepo(opts), load.storeTasks(), load.runnerStart()]);
      const taskDir = findTaskDir(repo, id);
      if (opts.on !== undefined) await recordRunner(repo, taskDir, opts.on);
      const agent = agentChoice(opts);
      const feedback = feedbackText(opts);
      const runOpts = { ...(agent ? { agent } : {}), ...(feedback !== undefined ? { feedback } : {}) };
      if (opts.print) {
        const [run, { describePlans, shownEnvValue }, { describeStepPackets }, { printedSandbox }] = await Promise.all([
          prepareRun(taskDir, { ...runOpts, settle: false }),
          load.runnerDescribePlans(),
          load.runnerDescribePackets(),
          load.runnerSandboxPrint(),
        ]);
        const sandbox = await printedSandbox(run);
        const plans = [...run.plans, ...(run.fixPlan ? [run.fixPlan] : [])];
        if (opts.json) return printJson({ round: run.round, packet: run.packetPath, sandbox: sandbox.json, plans: plans.map((p) => maskedPlan(p, shownEnvValue)), stepPackets: run.stepPackets });
        const how = { packetPath: run.packetPath, packetOf: (p: StepPlan) => run.stepPackets[p.step], cwd: run.task.worktree };
        const fix = run.fixPlan ? `\nWhen a review asks for changes:\n${describePlans([run.fixPlan], how).replace(/^Step 1 of 1: /, 'Step fix: ')}` : '';
        return print(`Task ${run.task.id}, round ${run.round} (nothing is run)\n\n${sandbox.text}\n${describePlans(run.plans, how)}${fix}${describeStepPackets(run)}`);
      }
      const record = await startTask(taskDir, { ...runOpts, onNote: (step, note) => process.stderr.write(`wtagents: warning: step ${step}: ${note}\n`) });
      if (opts.json) return printJson(record);
      if (record.state === 'queued') {
        const { queuePosition } = await load.runnerQueue();
        return print(
          [
            `Queued task ${record.id} (round ${record.round}, position ${queuePosition(repo, record.id) ?? '?'} in the queue): it starts when a slot frees (config maxParallel)`,
            `  stop    wtagents stop ${record.id}   (takes it out of the queue)`,
          ].join('\n'),
        );
      }
      print(
        [
          `Started task ${record.id} (round ${record.round}) in the background: supervisor pid ${record.processes.supervisor?.pid}`,
          `  follow  wtagents logs ${record.id} --follow`,
          `  stop    wtagents stop ${record.id}`,
        ].join('\n'),
      );
    });
}

/** `--on`: the runner the task's runs go to from now on (refused while it runs). */
async function recordRunner(repo: string, taskDir: string, name: string): Promise<void> {
  const [{ chooseRunner }, { effectiveState, readTask, updateTask }] = await Promise.all([load.runnerSshRunnerChoice(), load.storeTasks()]);
  const runner = chooseRunner(repo, name);
  const task = readTask(taskDir);
  if ((task.runner ?? undefined) === runner) return;
  if (effectiveState(task) === 'running') throw new UserError(`task ${task.id} is running: stop it before moving it to another runner`);
  await updateTask(taskDir, (t) => {
    if (runner === undefined) delete t.runner;
    else t.runner = runner;
  });
}

function feedbackText(opts: RunCliOptions): string | undefined {
  if (opts.feedback !== undefined && opts.feedbackFile !== undefined) throw new UsageError('give --feedback or --feedback-file, not both');
  if (opts.feedbackFile === undefined) return opts.feedback;
  try {
    return readFileSync(opts.feedbackFile === '-' ? 0 : opts.feedbackFile, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read --feedback-file ${opts.feedbackFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A plan as --print --json shows it: env values masked as in the text form (by `shown`, from describe-plans). */
function maskedPlan(plan: StepPlan, shown: (plan: StepPlan, name: string) => string): StepPlan {
  return { ...plan, env: Object.fromEntries(Object.keys(plan.env).map((name) => [name, shown(plan, name)])) };
}
