// `--on NAME`: which runner a task's runs go to. `local` (or `default`) is this machine; `pool:NAME` is the
// runners whose `pool` is NAME (the first run picks one: src/runner/slots.ts); any other name must be a
// runner of config `runners`, else a clear error listing the ones there are.
import { UsageError } from '../../core/errors.js';
import { loadConfig } from '../../store/config-file.js';

/** The runner to record on the task: undefined for this machine, else the configured runner's (or pool's) name. */
export function chooseRunner(repo: string, name: string): string | undefined {
  if (name === 'local' || name === 'default') return undefined;
  const runners = loadConfig(repo).runners;
  const pools = [...new Set(Object.values(runners).flatMap((r) => (r.pool !== undefined ? [r.pool] : [])))];
  if (name.startsWith('pool:')) {
    if (pools.includes(name.slice(5))) return name;
    throw new UsageError(`no runner of .wtagents/config.json is in pool "${name.slice(5)}"${pools.length > 0 ? `: pools are ${pools.join(', ')}` : ' (runners.NAME.pool)'}`);
  }
  if (Object.keys(runners).includes(name)) return name;
  const known = ['local', ...Object.keys(runners), ...pools.map((p) => `pool:${p}`)].join(', ');
  throw new UsageError(`no runner named "${name}" in .wtagents/config.json (runners): choose one of ${known}`);
}

/** The pool's name when `runner` names a pool (`pool:NAME`), else null. */
export function poolOf(runner: string | undefined): string | null {
  return runner?.startsWith('pool:') ? runner.slice(5) : null;
}
