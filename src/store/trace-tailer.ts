// Live tail of trace.jsonl files (each file's own fs.watch; chokidar while a file is not there): only appended
// bytes are read, from a stored offset; partial lines wait as bytes; truncation and rotation start over;
// malformed and unknown lines are counted and skipped.
import type { FSWatcher } from 'chokidar';
import { LineSplitter } from '../core/line-splitter.js';
import { parseTraceLine } from '../core/trace-parse.js';
import type { TraceEvent } from '../core/trace-schema.js';
import { withFileBytes, type FileBytes } from './file-bytes.js';
import { InodeWatches } from './inode-watches.js';

export interface TailUpdate {
  events: TraceEvent[];
  /** The file was truncated or replaced: what came before is gone (events start over). */
  reset: boolean;
  /** Bytes appended since the last update (in activity-only mode nothing is parsed). */
  grew: number;
  /** Activity-only mode: the appended bytes hold an `agent.file_edit` event (or more than can be scanned came). */
  fileEdit?: boolean;
}

export interface TailStats {
  /** Bytes of the file consumed (complete lines, plus any partial line held). */
  offset: number;
  events: number;
  malformed: number;
  unknown: number;
  resets: number;
}

export interface TailOptions {
  /** Start this many bytes before the end of an existing file (the first, partial line skipped). Default 256 KiB. */
  backlogBytes?: number;
  /** Only notice that the file grew and whether a file edit came (no parsing): cheap watching of tasks nobody looks at. */
  activityOnly?: boolean;
}

/** The most one read() takes in before giving the event loop back (the rest follows on the next turn). */
const READ_BUDGET = 1024 * 1024;

/** One followed file: offset, inode and the bytes of a line not yet complete. */
export class TraceTail {
  readonly file: string;
  readonly stats: TailStats = { offset: 0, events: 0, malformed: 0, unknown: 0, resets: 0 };
  #ino: number | null = null;
  #splitter = new LineSplitter();
  #skipFirstLine = false;
  #started = false;
  readonly #backlog: number;
  readonly activityOnly: boolean;
  readonly #onUpdate: (u: TailUpdate) => void;

  constructor(file: string, onUpdate: (u: TailUpdate) => void, opts: TailOptions = {}) {
    this.file = file;
    this.#onUpdate = onUpdate;
    this.#backlog = opts.backlogBytes ?? 256 * 1024;
    this.activityOnly = opts.activityOnly ?? false;
  }

  /**
   * Read what was appended since the last read, at most READ_BUDGET bytes, handing events over chunk by
   * chunk (memory stays bounded however much arrived). Returns true when more is waiting.
   */
  read(): boolean {
    // Not there (yet, or between a rotation's rename and create): wait for the next event.
    return withFileBytes(this.file, (f) => this.#readFrom(f)) ?? false;
  }

  #readFrom(f: FileBytes): boolean {
    let reset = false;
    if (!this.#started) {
      this.#started = true;
      this.#ino = f.ino;
      if (this.activityOnly) this.stats.offset = f.size;
      else if (f.size > this.#backlog) {
        this.stats.offset = f.size - this.#backlog;
        this.#skipFirstLine = f.read(this.stats.offset - 1, 1)[0] !== 0x0a; // not at a line's start
      }
    } else if (f.ino !== this.#ino || f.size < this.stats.offset) {
      // Rotated (a new file under the name) or truncated: start over from its beginning.
      this.#ino = f.ino;
      this.stats.offset = 0;
      this.stats.resets++;
      this.#splitter.reset();
      this.#skipFirstLine = false;
      reset = true;
    }
    if (this.activityOnly) {
      const from = this.stats.offset;
      const grew = f.size - from;
      this.stats.offset = f.size;
      if (grew > 0 || reset) this.#onUpdate({ events: [], reset, grew, fileEdit: grew > 0 && holdsFileEdit(f, from, f.size) });
      return false;
    }
    f.chunks(this.stats.offset, Math.min(f.size, this.stats.offset + READ_BUDGET), (bytes, from) => {
      this.stats.offset = from + bytes.length;
      let chunk = bytes;
      if (this.#skipFirstLine) {
        const nl = chunk.indexOf(0x0a);
        if (nl === -1) return;
        this.#skipFirstLine = false;
        chunk = chunk.subarray(nl + 1);
      }
      const lines = this.#splitter.push(chunk); // a line over 1 MiB arrives cut: parsed as malformed
      const events: TraceEvent[] = [];
      for (const line of lines) this.#parse(line, events);
      if (events.length > 0 || reset) this.#onUpdate({ events, reset, grew: this.stats.offset - from });
      reset = false;
    });
    if (reset) this.#onUpdate({ events: [], reset, grew: 0 });
    return this.stats.offset < f.size;
  }

  #parse(line: string, into: TraceEvent[]): void {
    if (line.trim() === '') return;
    const p = parseTraceLine(line);
    if (p.kind === 'event') {
      into.push(p.event);
      this.stats.events++;
    } else if (p.kind === 'unknown') this.stats.unknown++;
    else this.stats.malformed++;
  }
}

/**
 * Follows many trace files (a file may have several followers). Each existing followed file has the kernel's
 * watch of its own (fs.watch on its inode), armed at once: every append is read as it comes, and the file is read
 * again right after arming, so nothing appended before the watch held waits for a later append. chokidar only
 * waits for a file that is not there (not made yet, or between a rotation's rename and the new file): chokidar
 * watches a file through its directory and holds back its changes for 50 ms after each one it reports (a trace
 * appended 100 times a second reached the screen up to 50 ms late from that alone, and each append was stat'ed).
 */
export class TraceTailer {
  #tails = new Map<string, Set<TraceTail>>();
  /** Files someone follows in full (their appends are read as they come). */
  #wanted = new Set<string>();
  /** chokidar, for a wanted file that is not there. */
  #watchers = new Map<string, FSWatcher>();
  #fileWatchers = new InodeWatches();
  #closed = false;

  /** Start following `file`: its recent lines are read now, new ones as they are appended. */
  follow(file: string, onUpdate: (u: TailUpdate) => void, opts?: TailOptions): TraceTail {
    const tail = new TraceTail(file, onUpdate, opts);
    const set = this.#tails.get(file) ?? new Set();
    set.add(tail);
    this.#tails.set(file, set);
    this.#drain(tail);
    // Activity-only tails are not worth a file event each (thousands a second with many busy tasks):
    // pollAll, run about once a second by the caller, notices their growth.
    if (!tail.activityOnly) this.#watch(file);
    return tail;
  }

  unfollow(tail: TraceTail): void {
    const set = this.#tails.get(tail.file);
    if (!set?.delete(tail)) return;
    if (set.size === 0) this.#tails.delete(tail.file);
    if (![...set].some((t) => !t.activityOnly)) this.#unwatch(tail.file);
  }

  /** Files followed now. */
  following(): string[] {
    return [...this.#tails.keys()];
  }

  /** Followed files that have their own watch now (exist, and were not replaced since it was armed). */
  ownWatches(): string[] {
    return this.#fileWatchers.files();
  }

  /** Followed files waited for through chokidar (not there now). */
  waitingFor(): string[] {
    return [...this.#watchers.keys()];
  }

  /** Read every followed file now (a safety net; events normally do this). */
  pollAll(): void {
    for (const set of this.#tails.values()) for (const t of set) this.#drain(t);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#tails.clear();
    this.#wanted.clear();
    const watchers = [...this.#watchers.values()];
    this.#watchers.clear();
    this.#fileWatchers.closeAll();
    await Promise.all(watchers.map((w) => w.close()));
  }

  #readAll(file: string): void {
    for (const t of this.#tails.get(file) ?? []) if (!t.activityOnly) this.#drain(t);
  }

  /** Read a tail until it has caught up, one budget per event-loop turn so the screen stays live. */
  #drain(t: TraceTail): void {
    if (t.read()) setImmediate(() => this.#tails.get(t.file)?.has(t) && this.#drain(t));
  }

  #following(file: string): boolean {
    return [...(this.#tails.get(file) ?? [])].some((t) => !t.activityOnly);
  }

  #watch(file: string): void {
    if (this.#wanted.has(file)) return;
    this.#wanted.add(file);
    this.#arm(file);
  }

  /** The file's own watch when it exists (then read it: anything appended before it held); else wait for it. */
  #arm(file: string): void {
    if (this.#closed || !this.#wanted.has(file)) return;
    if (!this.#watchFile(file)) {
      void this.#waitFor(file);
      return;
    }
    this.#closeWaiting(file);
    this.#readAll(file);
  }

  /** chokidar, until the file is there (loaded on first need, so the first frame never waits for it). */
  async #waitFor(file: string): Promise<void> {
    if (this.#watchers.has(file)) return;
    const { watch } = await import('chokidar');
    if (this.#closed || this.#watchers.has(file) || !this.#wanted.has(file) || this.#fileWatchers.has(file)) return;
    const watcher = watch(file, { ignoreInitial: true, persistent: true });
    this.#watchers.set(file, watcher);
    const look = () => {
      this.#readAll(file);
      this.#arm(file);
    };
    watcher.on('all', look);
    watcher.on('ready', look); // made while the watch was taking hold
  }

  /** Arm the file's own watch (its inode); false when the file is not there. */
  #watchFile(file: string): boolean {
    // Renamed or removed (the watch is dropped by then): watch the file now under the name, or wait for one.
    return this.#fileWatchers.watch(
      file,
      (type) => {
        if (type === 'rename') this.#arm(file);
        this.#readAll(file);
      },
      () => this.#arm(file),
    );
  }

  #closeWaiting(file: string): void {
    const watcher = this.#watchers.get(file);
    if (!watcher) return;
    this.#watchers.delete(file);
    void watcher.close();
  }

  #unwatch(file: string): void {
    this.#wanted.delete(file);
    this.#fileWatchers.unwatch(file);
    this.#closeWaiting(file);
  }
}

const FILE_EDIT = Buffer.from('"type":"agent.file_edit"');
/** The most an activity-only read scans for a file edit; beyond it, one is assumed. */
const EDIT_SCAN = 1024 * 1024;

/** Whether bytes [from, to) of the file hold a file-edit event (read by chunks, the marker looked for across their seams). */
function holdsFileEdit(f: FileBytes, from: number, to: number): boolean {
  if (to - from > EDIT_SCAN) return true;
  let found = false;
  let seam = Buffer.alloc(0);
  f.chunks(from, to, (bytes) => {
    found = bytes.includes(FILE_EDIT) || Buffer.concat([seam, bytes.subarray(0, FILE_EDIT.length - 1)]).includes(FILE_EDIT);
    seam = Buffer.from(bytes.subarray(Math.max(0, bytes.length - FILE_EDIT.length + 1)));
    return !found;
  });
  return found;
}
