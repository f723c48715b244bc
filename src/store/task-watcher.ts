// Watches a repository's task records: any task.json made, changed or removed by any process, and the links/
// of task directories made elsewhere, end up in one callback. tasks/ and links/ missing at the start (no task
// yet) are waited for through their nearest existing ancestor (chokidar). Each existing task.json has the
// kernel's watch of its own file (fs.watch on its inode, armed again on the new file after each atomic rewrite):
// chokidar watches a file through its directory, where a busy trace.jsonl next to it made an event for every
// append (50 busy tasks: thousands a second, each one stat'ed). A task directory appears before its task.json
// (that is how `new` makes one): a task.json not there yet is watched through chokidar until it appears, and one
// that appears or changes before that watch takes hold is still reported (chokidar's initial `add`, checked
// against what the file was when we asked); the initial `add` of a file that has not changed is not news.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { InodeWatches } from './inode-watches.js';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { repoPaths, taskJsonPath } from './layout.js';
import { readLink } from './tasks.js';

export class TaskWatcher {
  readonly #root: string;
  readonly #onChange: () => void;
  /** tasks/ and links/, one level deep (or, while one is missing, its nearest existing ancestor). */
  #dirs = new Map<string, FSWatcher>();
  #watch: typeof import('chokidar').watch | null = null;
  /** Each task.json not there yet, reported when it appears (then it gets its own watch). */
  #records: FSWatcher | null = null;
  /** Each existing task.json's own watch. */
  #own = new InodeWatches();
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
    this.#watch = watch;
    const rp = repoPaths(this.#root);
    this.#records = watch([], { ignoreInitial: false, depth: 0 });
    this.#records.on('all', (event, p) => {
      const seen = this.#existed.get(p);
      this.#existed.delete(p);
      if (this.#files.has(p) && this.#watchOwn(p)) this.#records?.unwatch(p);
      if (event === 'add' && seen !== undefined && seen === signature(p)) return;
      this.#changed();
    });
    for (const dir of [rp.tasks, rp.links]) this.#follow(dir);
    this.#syncFiles();
  }

  /**
   * Watch `dir` (tasks/ or links/) one level deep. While it is missing (no task yet), watch its nearest existing
   * ancestor instead, and move down as the path appears: chokidar reports a missing path's ancestor appearing
   * but never the path itself. Each watch's `ready` (it holds) is followed by a fresh look, so what was made
   * before it held is found then, however slow the machine: no guessed delay.
   */
  #follow(dir: string): void {
    if (this.#closed || !this.#watch) return;
    const at = nearestExisting(dir);
    const w = this.#watch(at, { ignoreInitial: true, depth: 0 });
    this.#dirs.set(dir, w);
    const look = (ready: boolean) => {
      if (this.#dirs.get(dir) !== w) return;
      const moved = at !== dir && nearestExisting(dir) !== at;
      if (moved) {
        this.#dirs.delete(dir);
        void w.close();
        this.#follow(dir);
      }
      if (moved || ready || at === dir) this.#changed();
    };
    w.on('all', () => look(false));
    // Changes made between the caller's first read (or the path appearing) and the watch holding.
    w.on('ready', () => look(true));
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
      if (this.#watchOwn(file)) continue;
      const sig = signature(file);
      if (sig !== null) this.#existed.set(file, sig);
      this.#records.add(file);
    }
    for (const file of this.#files) {
      if (files.has(file)) continue;
      this.#files.delete(file);
      this.#existed.delete(file);
      this.#own.unwatch(file);
      this.#records.unwatch(file);
    }
  }

  /**
   * Give an existing task.json its own watch (true), or false when it is missing. An atomic rewrite replaces the
   * inode (a `rename` on the old one): the watch moves to the new file at once, before the caller reads it, so a
   * later write is never missed; a file gone is watched through chokidar again until it comes back.
   */
  #watchOwn(file: string): boolean {
    if (this.#own.has(file)) return true;
    if (this.#closed) return false;
    return this.#own.watch(file, (type) => {
      if (type === 'rename' && this.#files.has(file) && !this.#watchOwn(file)) this.#records?.add(file);
      this.#changed();
    });
  }

  /** The task.json files watched now: by their own watch, and (not there yet) through chokidar. */
  watching(): { own: string[]; waitedFor: string[] } {
    return { own: this.#own.files().sort(), waitedFor: [...this.#files].filter((f) => !this.#own.has(f)).sort() };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#own.closeAll();
    const dirs = [...this.#dirs.values()];
    this.#dirs.clear();
    await Promise.all([...dirs.map((w) => w.close()), this.#records?.close()]);
    this.#records = null;
  }
}

/** `dir` if it exists, else its nearest existing ancestor. */
function nearestExisting(dir: string): string {
  let at = dir;
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
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
