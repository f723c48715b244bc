// `--on NAME`: which runner a task's runs go to. `local` (or `default`) is this machine; any other name
// must be a runner of config `runners`, else a clear error listing the ones there are.
import { UsageError } from '../../core/errors.js';
import { loadConfig } from '../../store/config-file.js';

/** The runner to record on the task: undefined for this machine, else the configured runner's name. */
export function chooseRunner(repo: string, name: string): string | undefined {
  if (name === 'local' || name === 'default') return undefined;
  const runners = Object.keys(loadConfig(repo).runners);
  if (runners.includes(name)) return name;
  const known = ['local', ...runners].join(', ');
  throw new UsageError(`no runner named "${name}" in .wtagents/config.json (runners): choose one of ${known}`);
}
