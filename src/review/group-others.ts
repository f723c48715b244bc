// After merging one attempt of a best-of-N group: the others, and abandoning them (each keeps its patch,
// as abandon always does).
import { isFinal } from '../core/lifecycle.js';
import type { TaskRecord } from '../core/task.js';
import { listTasks } from '../store/tasks.js';
import { abandonTask } from './abandon.js';
import { abandonClauses } from './screen-text.js';

/** The group's other attempts still open (not merged or abandoned). */
export function otherAttempts(task: TaskRecord): TaskRecord[] {
  if (!task.group) return [];
  return listTasks(task.repo)
    .filter((t) => t.record.group?.id === task.group!.id && t.record.id !== task.id && !isFinal(t.state))
    .map((t) => t.record);
}

/** Abandon the others (a running one is refused by abandon: its line says so). Returns one line per attempt. */
export async function abandonOthers(task: TaskRecord): Promise<string[]> {
  const lines: string[] = [];
  for (const t of otherAttempts(task)) {
    try {
      const r = await abandonTask(t.taskDir);
      lines.push(`  ${abandonClauses(r, t)[0]}`);
    } catch (error) {
      lines.push(`  not abandoned ${t.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return lines;
}
