// Watches a repository's task records (chokidar): any task.json made, changed or removed by any process,
// and the links/ of task directories made elsewhere, end up in one callback. Each task.json is watched as a
// file, never its directory, so busy traces next to it cost nothing here. A task directory appears before
// its task.json (that is how `new` makes one): its task.json is watched from the start, missing or not, and
// one that appears before the watch takes hold is still reported (chokidar's initial `add` of a file that was
// missing when we asked); the initial `add` of a file that was there already is not news.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { repoPaths, taskJsonPath } from './layout.js';
import { readLink } from './tasks.js';

export class TaskWatcher {
  readonly #root: string;
  readonly #onChange: () => void;
  /** tasks/ and links/, one level deep. */
  #dirs: FSWatcher | null = null;
  /** Each task.json, reported when it appears, changes or goes. */
  #records: FSWatcher | null = null;
  #closed = false;
  #files = new Set<string>();
  /** task.json files that existed when their watch was added: their first `add` is the watch taking hold, not news. */
  #existed = new Set<string>();
  #pending = false;

  constructor(repoRoot: string, onChange: () => void) {
    this.#root = repoRoot;
    this.#onChange = onChange;
  }

  /** Start watching (chokidar is loaded here, after the first frame). */
  async start(): Promise<void> {
    const { watch } = await import('chokidar');
    if (this.#closed) return;
    const rp = repoPaths(this.#root);
    this.#dirs = watch([rp.tasks, rp.links], { ignoreInitial: true, depth: 0 });
    this.#records = watch([], { ignoreInitial: false, depth: 0 });
    this.#dirs.on('all', (event, p) => {
      // chokidar follows a missing directory through its parent but does not look inside once it
      // appears: watch it afresh (tasks/ and links/ do not exist before the first task).
      if (event === 'addDir' && (p === rp.tasks || p === rp.links)) {
        this.#dirs?.unwatch(p);
        this.#dirs?.add(p);
        // What was written inside before the new watch took hold.
        setTimeout(() => !this.#closed && this.#changed(), 200).unref();
      }
      this.#changed();
    });
    this.#records.on('all', (event, p) => {
      if (event === 'add' && this.#existed.delete(p)) return;
      this.#existed.delete(p);
      this.#changed();
    });
    // Changes made between the caller's first read and the watch being ready.
    this.#dirs.on('ready', () => this.#changed());
    this.#syncFiles();
  }

  /** Tell the caller, once for a burst of events in the same turn. */
  #changed(): void {
    this.#syncFiles();
    if (this.#pending) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      if (!this.#closed) this.#onChange();
    });
  }

  /** Watch the task.json of every task directory (in tasks/ or linked from elsewhere, made or being made). */
  #syncFiles(): void {
    if (!this.#records) return;
    const files = new Set(candidateTaskDirs(this.#root).map((d) => taskJsonPath(d)));
    for (const file of files) {
      if (this.#files.has(file)) continue;
      this.#files.add(file);
      if (existsSync(file)) this.#existed.add(file);
      this.#records.add(file);
    }
    for (const file of this.#files) {
      if (files.has(file)) continue;
      this.#files.delete(file);
      this.#existed.delete(file);
      this.#records.unwatch(file);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([this.#dirs?.close(), this.#records?.close()]);
    this.#dirs = null;
    this.#records = null;
  }
}

/** Every directory in tasks/ and every links/ target, whether or not its task.json is written yet. */
function candidateTaskDirs(root: string): string[] {
  const rp = repoPaths(root);
  const dirs = entries(rp.tasks, true).map((n) => path.join(rp.tasks, n));
  for (const name of entries(rp.links, false)) {
    const target = readLink(path.join(rp.links, name));
    if (target) dirs.push(target);
  }
  return dirs;
}

function entries(dir: string, directories: boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.') && (directories ? e.isDirectory() : e.isFile()))
      .map((e) => e.name);
  } catch {
    return [];
  }
}
