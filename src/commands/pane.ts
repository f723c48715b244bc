// `wtagents pane`: open the dashboard (one column) in a tmux side split of the current window.
import { load } from '../app/load.js';
import { realpathSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { print, resolveRepo, withRepoOption } from './common.js';

export function registerPane(program: Command): void {
  withRepoOption(program.command('pane'))
    .description('open wtagents in a tmux side pane of the current window')
    .option('--size <n>', 'width of the pane: columns, or a percentage like 40%', '40%')
    .option('--left', 'put the pane on the left')
    .action(async (opts: { repo?: string; size: string; left?: boolean }) => {
      if (!/^\d{1,4}%?$/.test(opts.size)) throw new UsageError(`--size ${opts.size}: give columns (50) or a percentage (40%)`);
      const { splitPane } = await load.appTmux();
      const repo = await resolveRepo(opts);
      const script = realpathSync(process.argv[1] ?? 'wtagents');
      await splitPane({ cwd: repo, command: [process.execPath, script, '--repo', repo, '--pane'], size: opts.size, before: Boolean(opts.left) });
      print(`opened wtagents in a tmux pane (${opts.size})`);
    });
}
