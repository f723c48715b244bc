// Building task records, configs and step plans for routing tests without a repository.
import { parseConfig, type Config } from '../../src/core/config.js';
import { TaskRecord } from '../../src/core/task.js';
import { planSteps, type PlanInput } from '../../src/runner/routing.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const PACKET = '/r/.wtagents/tasks/fix/packets/01-background-agent.md';

export function task(extra: Partial<TaskRecord> = {}): TaskRecord {
  return TaskRecord.parse({
    v: 1, id: 'fix', title: 'Fix', text: 'Fix it', repo: '/r', base: 'main', baseSha: 'abc', branch: 'wtagents/fix',
    worktree: '/r/.wtagents/tasks/fix/worktrees/fix', taskDir: '/r/.wtagents/tasks/fix', mode: 'create', state: 'ready',
    round: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...extra,
  });
}

/** A config from JSON, as loadConfig would give it (throws the field message when invalid). */
export function config(json: unknown = {}): Config {
  const r = parseConfig(json);
  if (!r.ok) throw new Error(r.error);
  return r.config;
}

/** planSteps with a default task, empty config and env, round 1. */
export function plan(extra: Partial<PlanInput> = {}) {
  return planSteps({ task: task(), config: config(), packetPath: PACKET, packetText: '# Task\nFix it\n', round: 1, env: {}, ...extra });
}
