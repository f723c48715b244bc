// `wtagents agents`: the agents you can run (presets, config agents, any command) and whether each is on PATH.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { errorLine } from '../core/errors.js';
import { formatTable } from '../core/format.js';
import { print, printJson, resolveRepo, warn, withRepoOption } from './common.js';

export function registerAgents(program: Command): void {
  withRepoOption(program.command('agents'))
    .description('list the agents (built-in presets, config agents, any command) and whether each is on PATH')
    .option('--json', 'print the agents as JSON')
    .action(async (opts: { repo?: string; json?: boolean }) => {
      const [{ DEFAULT_CONFIG }, { validateConfigAgents }, { availableAgents }] = await Promise.all([
        load.coreConfig(),
        load.runnerAgentResolve(),
        load.runnerAgents(),
      ]);
      const config = await repoConfig(opts.repo);
      try {
        if (config) validateConfigAgents(config);
      } catch (error) {
        warn(`.wtagents/config.json: ${errorLine(error)}`);
      }
      const agents = availableAgents(config ?? DEFAULT_CONFIG);
      if (opts.json) return printJson(agents);
      const rows = agents.map((a) => [
        a.name,
        a.kind,
        a.binary ?? '-',
        a.binary === undefined ? '-' : a.found ? 'yes' : 'no',
        a.format ?? '-',
        a.error ? `error: ${a.error}` : a.description,
      ]);
      print(formatTable([['NAME', 'KIND', 'BINARY', 'ON PATH', 'FORMAT', 'DESCRIPTION'], ...rows]));
      if (!config) print('\n(not in a git repository: built-in agents only)');
    });
}

/** The repository's config; with no --repo and no repository around the cwd, none (built-ins only). */
async function repoConfig(repo: string | undefined): Promise<Config | undefined> {
  const { loadConfig } = await load.storeConfigFile();
  if (repo !== undefined) return loadConfig(await resolveRepo({ repo }));
  let root: string;
  try {
    root = await resolveRepo({});
  } catch {
    return undefined;
  }
  return loadConfig(root);
}
