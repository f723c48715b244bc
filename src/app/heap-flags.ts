// A small heap for the long-lived TUI process (dashboard, review, --all, demo): V8 flags set at run time by
// runTui before Ink renders. Without them the young generation grows to its maximum under the TUI's steady
// allocation (frames, trace rows) and stays there: ~134 MB of a 215 MB RSS on the 40-task dashboard whose live
// heap after a GC is ~17 MB.
import v8 from 'node:v8';

/**
 * The flags and their values, chosen by measurement (bench/scale-dashboard.mjs live parts, 2 cores, Node 24):
 * - no flags: 40 tasks x 4 lines/s 5.3 % of a core, RSS 215 MB; 50 x 100 lines/s 25.5 %.
 * - these two: RSS 111.5 MB (calm, 5.4 %), busy 19.2 %, append -> screen p95 58 ms (load 1.4; with Ink's row
 *   measures patched in scripts/bundle.mjs, which took the busy case from 36.5 % with the flags to 19.2 %).
 * - --optimize-for-size: 97 MB but 10.1 % of a core calm.
 * Flags that only take effect when the heap is set up (--max-semi-space-size, --max-old-space-size) do nothing here.
 */
export const SMALL_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=10'] as const;

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
