// Disk a directory tree takes (allocated blocks, symlinks not followed, hard links counted once), walked
// asynchronously so a big node_modules never blocks the event loop.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Bytes allocated under `dir` (0 when it does not exist); directories given in `skip` are left out. */
export async function diskUsage(dir: string, skip: readonly string[] = []): Promise<number> {
  const seen = new Set<string>();
  const skipSet = new Set(skip.map((s) => path.resolve(s)));
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    if (skipSet.has(p)) return;
    let st;
    try {
      st = await lstat(p, { bigint: false });
    } catch {
      return;
    }
    if (st.nlink > 1 && !st.isDirectory()) {
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    total += st.blocks !== undefined ? st.blocks * 512 : st.size;
    if (!st.isDirectory()) return;
    let names: string[];
    try {
      names = await readdir(p);
    } catch {
      return;
    }
    // A few at a time: fast on big trees without opening thousands of handles.
    for (let i = 0; i < names.length; i += 32) await Promise.all(names.slice(i, i + 32).map((n) => walk(path.join(p, n))));
  };
  await walk(path.resolve(dir));
  return total;
}
