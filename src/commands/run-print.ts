// What `wtagents run <id> --print` shows: each step's exact command line and env (secrets masked); nothing runs.
// The `run` command (runner branch) calls runPrintText when --print is given.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { AgentChoice } from '../core/task.js';
import { describePlans, planSteps } from '../runner/routing.js';
import { loadConfig } from '../store/config-file.js';
import { taskPaths } from '../store/layout.js';
import { findTaskDir, readTask } from '../store/tasks.js';
import { resolveRepo } from './common.js';

export interface RunPrintOptions {
  repo?: string;
  /** The agent given for this run (--agent NAME, or --agent-command CMD with --format). */
  agent?: AgentChoice;
  /** Where gateway keys are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The plan text of a task's next run: its latest packet's round, resuming the recorded session after round 1. */
export async function runPrintText(id: string, opts: RunPrintOptions = {}): Promise<string> {
  const repo = await resolveRepo(opts);
  const taskDir = findTaskDir(repo, id);
  const task = readTask(taskDir);
  const packet = latestPacket(taskDir);
  const round = Math.max(task.round, packet.round);
  const plans = planSteps({
    task,
    config: loadConfig(repo),
    packetPath: packet.path,
    packetText: readFileSync(packet.path, 'utf8'),
    round,
    ...(round > 1 && task.sessionId ? { resumeSessionId: task.sessionId } : {}),
    ...(opts.agent ? { agent: opts.agent } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
  const header = `Task ${task.id}, round ${round} (nothing is run)\n\n`;
  return header + describePlans(plans, { packetPath: packet.path, cwd: task.worktree });
}

/** The packet with the highest round number (packets/NN-name.md). */
function latestPacket(taskDir: string): { path: string; round: number } {
  const dir = taskPaths(taskDir).packets;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^\d+-.+\.md$/.test(n)).sort();
  } catch {
    names = [];
  }
  const last = names.at(-1);
  if (!last) throw new UserError(`task ${path.basename(taskDir)} has no packet in ${dir}`);
  return { path: path.join(dir, last), round: Number.parseInt(last, 10) };
}
