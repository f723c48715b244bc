// When to count a task's +added/−removed again (pure; useChangeCounts runs the git): never per trace burst.
// A task is counted when first seen, when its state changes, when its worktree's git stamp changes (HEAD
// moved, index written: a commit, a reset, an add) or after a file edit in its trace — the last two at most
// once per MIN_INTERVAL_MS per task — and at most `maxRunning` counts run at once.

export interface CountCandidate {
  id: string;
  state: string;
  /** The worktree's git stamp (see src/git/change-count.ts `changeStamp`); null when there is no worktree. */
  stamp: string | null;
  /** When the task's trace last showed a file edit (ms since epoch), if ever. */
  editedAt?: number;
}

interface Counted {
  state: string;
  stamp: string | null;
  at: number;
}

export const MIN_INTERVAL_MS = 5000;

export class ChangeSchedule {
  readonly #counted = new Map<string, Counted>();
  readonly #running = new Set<string>();

  constructor(readonly maxRunning = 2) {}

  /** The tasks to count now (each then `started`, and `finished` when its count is in). */
  due(candidates: readonly CountCandidate[], now: number): string[] {
    const out: string[] = [];
    for (const c of candidates) {
      if (this.#running.size + out.length >= this.maxRunning) break;
      if (this.#running.has(c.id)) continue;
      const last = this.#counted.get(c.id);
      if (!last || last.state !== c.state) out.push(c.id);
      else if (now - last.at < MIN_INTERVAL_MS) continue;
      else if (last.stamp !== c.stamp || (c.editedAt !== undefined && c.editedAt > last.at)) out.push(c.id);
    }
    return out;
  }

  /** A count of `c` starts now (what it will reflect is what the task looks like now). */
  started(c: CountCandidate, now: number): void {
    this.#running.add(c.id);
    this.#counted.set(c.id, { state: c.state, stamp: c.stamp, at: now });
  }

  finished(id: string): void {
    this.#running.delete(id);
  }

  /** Forget tasks that are gone. */
  keep(ids: ReadonlySet<string>): void {
    for (const id of this.#counted.keys()) if (!ids.has(id)) this.#counted.delete(id);
  }

  get running(): number {
    return this.#running.size;
  }
}
