// Watches a repository's task records (chokidar): any task.json made, changed or removed by any process,
// and the links/ of task directories made elsewhere, end up in one callback. Each task.json is watched as a
// file, never its directory, so busy traces next to it cost nothing here. A task directory appears before
// its task.json (that is how `new` makes one): its task.json is watched from the start, missing or not, and
// one that appears or changes before the watch takes hold is still reported (chokidar's initial `add`, checked
// against what the file was when we asked); the initial `add` of a file that has not changed is not news.
import { readdirSync, statSync } from 'node:fs';
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
  /**
   * task.json files that existed when their watch was added, with what they were (inode, mtime, size): their
   * first `add` is the watch taking hold, news only if the file changed meanwhile (a write before the watch held).
   */
  #existed = new Map<string, string>();
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
      const seen = this.#existed.get(p);
      this.#existed.delete(p);
      if (event === 'add' && seen !== undefined && seen === signature(p)) return;
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
      const sig = signature(file);
      if (sig !== null) this.#existed.set(file, sig);
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

/** What a file is now (inode, mtime, size), or null when it is missing. */
function signature(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
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
