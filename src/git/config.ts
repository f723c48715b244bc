// The user's git config: reading one key of the global config (~/.gitconfig and friends).
import { gitTry } from './exec.js';

/** `git config --global --get key` run in `dir`: its output (untrimmed), or null when unset or git fails. */
export async function globalConfigValue(dir: string, key: string): Promise<string | null> {
  return gitTry(dir, ['config', '--global', '--get', key]);
}
