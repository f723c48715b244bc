// What `run` hands its detached supervisor: the round, its packet and the resolved step plans.
// It travels in the supervisor's environment (never on disk: plans may carry API keys).
import { z } from 'zod';
import type { StepPlan } from './types.js';

export const RUN_REQUEST_ENV = 'WTAGENTS_RUN';

const StepPlanSchema = z.object({
  step: z.string(),
  agent: z.string(),
  argv: z.array(z.string()).min(1),
  env: z.record(z.string(), z.string()),
  secretEnv: z.array(z.string()),
  format: z.string(),
  packetOnStdin: z.boolean(),
  model: z.string().optional(),
  baseUrl: z.string().optional(),
  sessionId: z.string().optional(),
  resumed: z.boolean().optional(),
  keepsSession: z.boolean().optional(),
  notes: z.array(z.string()).optional(),
  permissions: z.string().optional(),
  files: z.array(z.object({ path: z.string(), content: z.string() })).optional(),
});

export const RunRequest = z.object({
  round: z.number().int().positive(),
  /** Absolute path of this round's packet. */
  packet: z.string(),
  plans: z.array(StepPlanSchema).min(1),
  /** Run config `setup` commands first (a worktree not set up yet). */
  setup: z.boolean(),
});
export interface RunRequest {
  round: number;
  packet: string;
  plans: StepPlan[];
  setup: boolean;
}

/** Read the request from the environment and remove it there, so no child inherits it. */
export function takeRunRequest(env: NodeJS.ProcessEnv = process.env): RunRequest {
  const text = env[RUN_REQUEST_ENV];
  delete env[RUN_REQUEST_ENV];
  if (!text) throw new Error(`no run request (${RUN_REQUEST_ENV} is not set): the supervisor is started by wtagents run`);
  return RunRequest.parse(JSON.parse(text)) as RunRequest;
}
