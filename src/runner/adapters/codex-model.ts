// The model a codex session ran on. `codex exec --json` never names it; codex's own session file does
// ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl, whose `turn_context` lines carry `model`).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { withFileBytes } from '../../store/file-bytes.js';

/** How much of the session file's end is read for its last turn_context. */
const TAIL_BYTES = 2 * 1024 * 1024;
/** Day directories looked at, newest first (a resumed session keeps its first day's file). */
const MAX_DAYS = 400;

/** The model of the last turn of codex session `threadId`, from its session file; undefined when not found. */
export function codexSessionModel(env: NodeJS.ProcessEnv, threadId: string): string | undefined {
  if (!/^[0-9A-Za-z-]{8,100}$/.test(threadId)) return undefined;
  const home = env.CODEX_HOME || (env.HOME ? path.join(env.HOME, '.codex') : undefined);
  if (!home) return undefined;
  const file = findRollout(path.join(home, 'sessions'), threadId);
  return file ? lastModel(file) : undefined;
}

function findRollout(sessions: string, threadId: string): string | undefined {
  let days = 0;
  for (const year of names(sessions)) {
    for (const month of names(path.join(sessions, year))) {
      for (const day of names(path.join(sessions, year, month))) {
        if (++days > MAX_DAYS) return undefined;
        const dir = path.join(sessions, year, month, day);
        const hit = names(dir).find((f) => f.startsWith('rollout-') && f.endsWith(`-${threadId}.jsonl`));
        if (hit) return path.join(dir, hit);
      }
    }
  }
  return undefined;
}

/** Directory entries, newest name first (codex names them by date); none when unreadable. */
function names(dir: string): string[] {
  try {
    return readdirSync(dir).sort().reverse();
  } catch {
    return [];
  }
}

function lastModel(file: string): string | undefined {
  const tail = withFileBytes(file, (f) => f.read(Math.max(0, f.size - TAIL_BYTES), Math.min(f.size, TAIL_BYTES)).toString('utf8'));
  for (const line of (tail ?? '').split('\n').reverse()) {
    if (!line.includes('"turn_context"')) continue;
    try {
      const o = JSON.parse(line) as { type?: unknown; payload?: { model?: unknown } };
      const model = o.type === 'turn_context' ? o.payload?.model : undefined;
      if (typeof model === 'string' && model !== '' && model.length <= 200) return model;
    } catch {
      // a line cut by the tail window, or not JSON
    }
  }
  return undefined;
}

/**
 * The model to record once a step's agent has exited, when its stream named none: codex's session file, else
 * the model the plan asked for. Sets it on the summary; undefined when nothing is learned.
 */
export function modelAfterExit(format: string, summary: { sessionId?: string; model?: string }, env: NodeJS.ProcessEnv, planModel: string | undefined): string | undefined {
  if (format !== 'codex' || summary.model || !summary.sessionId) return undefined;
  const model = codexSessionModel(env, summary.sessionId) ?? planModel;
  if (model) summary.model = model;
  return model;
}
