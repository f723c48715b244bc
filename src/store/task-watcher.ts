// Watches a repository's task records (chokidar): any task.json made, changed or removed by any process,
// and the links/ of task directories made elsewhere, end up in one callback. Each task.json is watched as a
// file, never its directory, so busy traces next to it cost nothing here.
import type { FSWatcher } from 'chokidar';
import { repoPaths, taskJsonPath } from './layout.js';
import { listTaskDirs } from './tasks.js';

export class TaskWatcher {
  readonly #root: string;
  readonly #onChange: () => void;
  #watcher: FSWatcher | null = null;
  #closed = false;
  #files = new Set<string>();

  constructor(repoRoot: string, onChange: () => void) {
    this.#root = repoRoot;
    this.#onChange = onChange;
  }

  /** Start watching (chokidar is loaded here, after the first frame). */
  async start(): Promise<void> {
    const { watch } = await import('chokidar');
    if (this.#closed) return;
    const rp = repoPaths(this.#root);
    // tasks/ and links/ one level deep: task directories and link files coming and going.
    this.#watcher = watch([rp.tasks, rp.links], { ignoreInitial: true, depth: 0 });
    this.#watcher.on('all', (event, p) => {
      // chokidar follows a missing directory through its parent but does not look inside once it
      // appears: watch it afresh (tasks/ and links/ do not exist before the first task).
      if (event === 'addDir' && (p === rp.tasks || p === rp.links)) {
        this.#watcher?.unwatch(p);
        this.#watcher?.add(p);
        // What was written inside before the new watch took hold.
        setTimeout(() => !this.#closed && this.#changed(), 200).unref();
      }
      this.#changed();
    });
    // Changes made between the caller's first read and the watch being ready.
    this.#watcher.on('ready', () => this.#changed());
    this.#syncFiles();
  }

  #changed(): void {
    this.#syncFiles();
    this.#onChange();
  }

  /** Watch the task.json of every task directory (in tasks/ or linked from elsewhere) not watched yet. */
  #syncFiles(): void {
    if (!this.#watcher) return;
    const dirs = new Set(listTaskDirs(this.#root).map((d) => taskJsonPath(d)));
    for (const file of dirs) {
      if (this.#files.has(file)) continue;
      this.#files.add(file);
      this.#watcher.add(file);
    }
    for (const file of this.#files) {
      if (dirs.has(file)) continue;
      this.#files.delete(file);
      this.#watcher.unwatch(file);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#watcher?.close();
    this.#watcher = null;
  }
}

