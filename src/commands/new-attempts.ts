// `wtagents new … --attempts claude,codex,gemini` (or `--attempts 3`): best of N. One task per attempt in a
// group (ids and branches `<group>-1`, `<group>-2`, …), each with its agent; `--run` starts them all (under
// the run queue). Compare them with `wtagents compare <group>`.
import { load } from '../app/load.js';
import { errorLine, UsageError, UserError } from '../core/errors.js';
import type { AgentChoice, TaskRecord } from '../core/task.js';
import type { NewTaskOptions } from '../app/types.js';
import { print, printJson, warn } from './common.js';

export interface AttemptsInput extends Omit<NewTaskOptions, 'idStem' | 'group' | 'mode' | 'out'> {
  repo: string;
  run: boolean;
  json: boolean;
}

/** The agents of each attempt: a count (the task's agent N times) or a comma-separated list of agent names. */
export function attemptAgents(spec: string, agent: AgentChoice | undefined): Array<AgentChoice | undefined> {
  const text = spec.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 2 || n > 10) throw new UsageError(`--attempts ${text}: give 2 to 10 attempts`);
    return Array.from({ length: n }, () => agent);
  }
  const names = text.split(',').map((s) => s.trim());
  if (names.length < 2 || names.length > 10 || names.some((n) => !/^[A-Za-z0-9][\w.-]*$/.test(n))) {
    throw new UsageError(`--attempts "${spec}": give 2 to 10 agent names separated by commas (claude,codex,gemini), or a count`);
  }
  if (agent) throw new UsageError('--attempts with agent names cannot go with --agent or --agent-command (each attempt names its own)');
  return names.map((name) => ({ name }));
}

export async function newAttempts(spec: string, input: AttemptsInput): Promise<void> {
  const agents = attemptAgents(spec, input.agent);
  const { createTask, freeGroupId } = await load.storeCreateTask();
  const group = freeGroupId(input.repo, input.text);
  const made: TaskRecord[] = [];
  for (const [i, agent] of agents.entries()) {
    const { run: _run, json: _json, agent: _agent, ...rest } = input;
    const r = await createTask({ ...rest, mode: 'create', idStem: `${group}-${i + 1}`, group: { id: group, index: i + 1, of: agents.length }, ...(agent ? { agent } : {}) });
    if (i === 0) for (const w of r.warnings) warn(w);
    made.push(r.record);
  }
  const records: TaskRecord[] = [];
  if (input.run) {
    const { startRun } = await load.runnerControl();
    for (const t of made) {
      try {
        records.push(await startRun(t.taskDir));
      } catch (error) {
        throw new UserError(`created the attempts of ${group}, but did not start ${t.id}: ${errorLine(error)}`);
      }
    }
  } else records.push(...made);
  if (input.json) return printJson(records);
  print(
    [
      `Created ${records.length} attempts of one task, group ${group}:`,
      ...records.map((t) => `  ${t.id}  ${t.agent?.name ?? '(default agent)'}  ${t.branch}  ${t.state}`),
      `  compare  wtagents compare ${group}`,
    ].join('\n'),
  );
}
