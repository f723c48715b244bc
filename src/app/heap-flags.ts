// A small heap for the dashboard, a process left open for hours: V8 flags set at run time by runTui once the
// dashboard's first frame is drawn. Without them V8's young generation grows to its maximum under the
// dashboard's steady allocation (frames, trace rows) and stays there: ~134 MB of a 215 MB RSS on the 40-task
// dashboard, whose live heap after a GC is ~17 MB.
import v8 from 'node:v8';

/**
 * The flags and their values, chosen by measurement (bench/scale-dashboard.mjs live parts on a 2-core machine,
 * Node 24, load 1.4-2.2; CPU is the share of one core, git included; each line is one run of each case; all
 * with Ink's row measures patched in by scripts/bundle.mjs):
 * - no flags: 40 tasks x 4 lines/s 3.9 %, RSS 222 MB; 50 x 100 lines/s 17.0 %.
 * - growth factor 1 and heap-growing-percent 10 / 20 / 30: calm RSS 111.5 / 107.2 / 107.8 MB, calm CPU
 *   5.4 / 4.3 / 4.5 %, busy 19.2 / 19.6 / 18.3 % (append -> screen p95 58 / 55 / 62 ms): 20 taken.
 * - growth factor 1 alone: calm RSS 134 MB (the old generation grows in big steps).
 * - as landed (20, set after the first frame): calm 4.2 %, 111 MB; busy 20.3 %, p95 56.5 ms (load 1.4).
 * - (the lead, before the row patch) --optimize-for-size: 97 MB but 10.1 % calm.
 * Set at the top of src/bin.ts instead, the dashboard's first frame was no faster (310 vs 296 ms p50, 9 runs).
 * `wtagents review ID` does not set them: its first hunk on the 130k-line diff was 342 ms p50 with them and
 * 308 without (7 runs, load 2.2), 388 with them set after its first frame; paging p95 19 -> 22 ms.
 * Flags that only take effect when the heap is set up (--max-semi-space-size, --max-old-space-size) do nothing
 * at run time.
 */
export const SMALL_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=20'] as const;

/**
 * The Node majors whose V8 knows both flags (checked: 20's V8 11.3 and 24's 13.6; 22 lies between). An unknown
 * flag makes setFlagsFromString print "unrecognized flag" on stderr (no throw), over the TUI's screen: a Node
 * outside this range runs with V8's defaults.
 */
const KNOWN_MAJORS = { min: 20, max: 24 };

/** Set the small-heap flags in this process; false when this Node is not one they were checked on. */
export function keepHeapSmall(nodeVersion = process.versions.node): boolean {
  const major = Number(nodeVersion.split('.')[0]);
  if (!(major >= KNOWN_MAJORS.min && major <= KNOWN_MAJORS.max)) return false;
  for (const flag of SMALL_HEAP_FLAGS) v8.setFlagsFromString(flag);
  return true;
}
