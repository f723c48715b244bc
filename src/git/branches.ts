// The repository's local branches, for choosing a task's base (wtagents' own task branches left out).
import { gitTry } from './exec.js';

/** Local branch names, the current one first, without wtagents/ task branches. */
export async function listBranches(root: string, current: string | null): Promise<string[]> {
  const out = await gitTry(root, ['for-each-ref', '--format=%(refname:short)', '--sort=-committerdate', 'refs/heads']);
  const names = (out ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('wtagents/'));
  if (current === null) return names;
  return [current, ...names.filter((n) => n !== current)];
}
