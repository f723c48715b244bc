// Per-file diffs for the review screen: loaded on selection, the git process killed when the user moves
// on, a small LRU cache, and the next file prefetched.
import { parseUnifiedDiff, type DiffFile, type DiffLine } from '../core/diff-parse.js';
import { diffOneFile } from '../git/diff.js';
import { GitAbortError, isAbortError } from '../git/exec.js';

export interface LoadedDiff {
  index: number;
  file: DiffFile;
  lines: DiffLine[];
  /** Milliseconds git and the parser took. */
  ms: number;
}

export interface LoaderStats {
  started: number;
  cancelled: number;
  hits: number;
}

interface Inflight {
  controller: AbortController;
  promise: Promise<LoadedDiff>;
}

export class DiffLoader {
  private readonly cache = new Map<number, LoadedDiff>();
  private readonly inflight = new Map<number, Inflight>();
  private wanted = -1;
  private disposed = false;
  readonly stats: LoaderStats = { started: 0, cancelled: 0, hits: 0 };

  constructor(
    private readonly repo: string,
    private readonly from: string,
    private readonly to: string,
    readonly files: readonly DiffFile[],
    private readonly opts: { cacheSize?: number; prefetch?: boolean } = {},
  ) {}

  /**
   * Show file `index`: every other load in flight is cancelled (its git process killed) except this
   * file's and its prefetched neighbour's. Resolves with the parsed diff; rejects with an AbortError
   * when the user moved on before it arrived.
   */
  select(index: number): Promise<LoadedDiff> {
    if (this.disposed) return Promise.reject(new GitAbortError());
    if (index < 0 || index >= this.files.length) return Promise.reject(new RangeError(`no file ${index}`));
    this.wanted = index;
    for (const [i, job] of this.inflight) if (i !== index && i !== index + 1) this.cancel(i, job);
    const hit = this.cache.get(index);
    if (hit) {
      this.stats.hits++;
      this.cache.delete(index);
      this.cache.set(index, hit);
      this.prefetch(index + 1);
      return Promise.resolve(hit);
    }
    const job = this.inflight.get(index) ?? this.start(index);
    return job.promise.then((d) => {
      if (this.wanted === index) this.prefetch(index + 1);
      return d;
    });
  }

  /** The diff of file `index` if it is already loaded. */
  peek(index: number): LoadedDiff | undefined {
    return this.cache.get(index);
  }

  /** Whether a git process is running for file `index`. */
  isLoading(index: number): boolean {
    return this.inflight.has(index);
  }

  /** Cancel everything (leaving the screen). */
  dispose(): void {
    this.disposed = true;
    for (const [i, job] of this.inflight) this.cancel(i, job);
  }

  /**
   * Start loading file `index` in the background, once what asked for the shown file has had it: the spawn of
   * git costs the thread a few ms, which are not put before the frame that shows the file (the first one above all).
   */
  private prefetch(index: number): void {
    if (this.opts.prefetch === false || this.disposed) return;
    setImmediate(() => {
      if (this.disposed || this.wanted !== index - 1) return; // moved on meanwhile: select prefetches anew
      if (index >= this.files.length || this.cache.has(index) || this.inflight.has(index)) return;
      this.start(index).promise.catch(() => undefined);
    });
  }

  private cancel(index: number, job: Inflight): void {
    this.inflight.delete(index);
    this.stats.cancelled++;
    job.controller.abort();
  }

  private start(index: number): Inflight {
    const controller = new AbortController();
    const file = this.files[index]!;
    const t0 = performance.now();
    this.stats.started++;
    const promise = diffOneFile(this.repo, this.from, this.to, file, { signal: controller.signal }).then(
      (text) => {
        if (controller.signal.aborted) throw new GitAbortError();
        const loaded: LoadedDiff = { index, file, lines: parseUnifiedDiff(text), ms: performance.now() - t0 };
        this.remember(loaded);
        return loaded;
      },
      (error: unknown) => {
        throw isAbortError(error) || controller.signal.aborted ? new GitAbortError() : error;
      },
    );
    const job = { controller, promise };
    this.inflight.set(index, job);
    const done = () => {
      if (this.inflight.get(index) === job) this.inflight.delete(index);
    };
    promise.then(done, done);
    return job;
  }

  private remember(d: LoadedDiff): void {
    this.cache.set(d.index, d);
    const max = this.opts.cacheSize ?? 8;
    while (this.cache.size > max) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
  }
}
