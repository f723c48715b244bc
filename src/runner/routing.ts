// Routing: a task's workflow steps → fully resolved step plans (agent argv, env, format, session).
// STUB: only `--agent-command` agents are planned yet; the adapters issue adds presets, config agents, routes and workflows.
import { UserError } from '../core/errors.js';
import type { Config } from '../core/config.js';
import type { AgentChoice, TaskRecord } from '../core/task.js';
import type { StepPlan, StreamFormat } from './types.js';

export interface PlanInput {
  task: TaskRecord;
  config: Config;
  /** The packet for this round (absolute path) and its text. */
  packetPath: string;
  packetText: string;
  round: number;
  /** Resume this agent session (request-changes rounds) where the CLI allows. */
  resumeSessionId?: string;
  /** An agent chosen for this run, over the task's own. */
  agent?: AgentChoice;
}

export function planSteps(input: PlanInput): StepPlan[] {
  const agent = input.agent ?? input.task.agent;
  if (agent?.command !== undefined) {
    return [
      {
        step: 'implement',
        agent: 'command',
        argv: ['/bin/sh', '-c', agent.command],
        env: {},
        secretEnv: [],
        format: (agent.format ?? 'text') as StreamFormat,
        packetOnStdin: true,
      },
    ];
  }
  throw new UserError('no agent for this task: give --agent NAME or --agent-command CMD');
}
