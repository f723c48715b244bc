// Watches a repository's task records (chokidar): any task.json made, changed or removed by any process,
// and the links/ of task directories made elsewhere, end up in one callback.
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { repoPaths, taskPaths } from './layout.js';
import { listTaskDirs } from './tasks.js';

export class TaskWatcher {
  readonly #root: string;
  readonly #onChange: () => void;
  #watcher: FSWatcher | null = null;
  #closed = false;
  #external = new Set<string>();

  constructor(repoRoot: string, onChange: () => void) {
    this.#root = repoRoot;
    this.#onChange = onChange;
  }

  /** Start watching (chokidar is loaded here, after the first frame). */
  async start(): Promise<void> {
    const { watch } = await import('chokidar');
    if (this.#closed) return;
    const rp = repoPaths(this.#root);
    const relevant = (p: string) => path.basename(p) === 'task.json' || p.startsWith(rp.links) || path.dirname(p) === rp.tasks;
    this.#watcher = watch([rp.tasks, rp.links], {
      ignoreInitial: true,
      depth: 1,
      // Inside tasks/<id>/ only task.json matters: traces, logs and worktrees (whole checkouts) are ignored.
      ignored: (p) => {
        const rel = path.relative(rp.tasks, p);
        if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
        const parts = rel.split(path.sep);
        return parts.length > 2 || (parts.length === 2 && parts[1] !== 'task.json');
      },
    });
    this.#watcher.on('all', (event, p) => {
      // chokidar follows a missing directory through its parent but does not look inside once it
      // appears: watch it afresh (tasks/ and links/ do not exist before the first task).
      if (event === 'addDir' && (p === rp.tasks || p === rp.links)) {
        this.#watcher?.unwatch(p);
        this.#watcher?.add(p);
        // What was written inside before the new watch took hold.
        setTimeout(() => !this.#closed && this.#onChange(), 200).unref();
      }
      if (relevant(p)) {
        this.#syncExternal();
        this.#onChange();
      }
    });
    // Changes made between the caller's first read and the watch being ready.
    this.#watcher.on('ready', () => this.#onChange());
    this.#syncExternal();
  }

  /** Task directories outside .wtagents/tasks (made with --out) are watched one task.json each. */
  #syncExternal(): void {
    if (!this.#watcher) return;
    const tasksDir = repoPaths(this.#root).tasks;
    for (const dir of listTaskDirs(this.#root)) {
      if (path.dirname(dir) === tasksDir || this.#external.has(dir)) continue;
      this.#external.add(dir);
      this.#watcher.add(taskPaths(dir).taskJson);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#watcher?.close();
    this.#watcher = null;
  }
}
