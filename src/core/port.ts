// A task's own port (pure): a stable number from its id (FNV-1a) within a range, so a dev server in each
// worktree can listen without clashing; the next ones in the range are the fallbacks when it is taken.
export const DEFAULT_PORTS = { from: 20000, to: 29999 } as const;

export function hashPort(id: string, range: { from: number; to: number } = DEFAULT_PORTS): number {
  let h = 0x811c9dc5;
  for (const ch of Buffer.from(id, 'utf8')) {
    h ^= ch;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const size = range.to - range.from + 1;
  return range.from + (h % size);
}

/** The ports to try for `id`, in order: its own, then the following ones (wrapping), `count` of them. */
export function portCandidates(id: string, range: { from: number; to: number } = DEFAULT_PORTS, count = 50): number[] {
  const size = range.to - range.from + 1;
  const first = hashPort(id, range) - range.from;
  return Array.from({ length: Math.min(count, size) }, (_, i) => range.from + ((first + i) % size));
}
