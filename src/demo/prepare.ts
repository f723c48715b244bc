// `wtagents demo` as an engine function: the sandbox project, its config (the built-in example agent),
// the two demo tasks, both started in the background. Everything it writes is inside the sandbox.
import type { Config } from '../core/config.js';
import type { TaskRecord } from '../core/task.js';
import { ensureExcluded } from '../git/worktree.js';
import { startRun } from '../runner/control.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { createTask } from '../store/create-task.js';
import { repoPaths } from '../store/layout.js';
import { makeSandbox } from './sandbox.js';
import { DIVIDE_TASK, MULTIPLY_TASK } from './scenarios.js';

/** The example agent's name in the sandbox config, and what it says it is. */
export const EXAMPLE_AGENT = 'example';
export const EXAMPLE_DESCRIPTION = 'built-in example agent (scripted, no AI)';

/** The check both demo tasks are held to: the sandbox project's own test suite. */
export const DEMO_CHECK = 'node --test';

export interface DemoTask {
  record: TaskRecord;
  /** What the demo expects of this task, for the user. */
  expect: string;
}

export interface Demo {
  repo: string;
  tasks: DemoTask[];
}

export interface DemoOptions {
  /** A new or empty directory (default: a fresh temp directory). */
  dir?: string;
  /** argv that runs the CLI (`node <bundle>`): the example agent is its hidden `__example-agent`. */
  cli: string[];
}

/** The sandbox's .wtagents/config.json: the example agent as the default agent. */
export function demoConfig(cli: readonly string[]): Partial<Config> {
  return {
    agents: { [EXAMPLE_AGENT]: { command: [...cli, '__example-agent'], format: 'claude', description: EXAMPLE_DESCRIPTION } },
    defaultAgent: EXAMPLE_AGENT,
  };
}

export async function prepareDemo(o: DemoOptions): Promise<Demo> {
  const repo = await makeSandbox(o.dir);
  await ensureExcluded(repo);
  writeJsonAtomic(repoPaths(repo).config, demoConfig(o.cli));
  const plan = [
    { text: MULTIPLY_TASK, expect: 'its check passes: merge it' },
    { text: DIVIDE_TASK, expect: 'its check fails although the agent says merge: request changes' },
  ];
  const tasks: DemoTask[] = [];
  for (const p of plan) {
    const { record } = await createTask({ repo, text: p.text, checks: [DEMO_CHECK], agent: { name: EXAMPLE_AGENT } });
    tasks.push({ record: await startRun(record.taskDir), expect: p.expect });
  }
  return { repo, tasks };
}
