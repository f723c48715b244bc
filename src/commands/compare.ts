// `wtagents compare <group>`: the attempts of a best-of-N group side by side, and which to review first.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { UserError } from '../core/errors.js';
import { formatTable } from '../core/format.js';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

export function registerCompare(program: Command): void {
  withRepoOption(program.command('compare'))
    .description('compare the attempts of a best-of-N group (new --attempts): state, checks, diff, cost, risks, verdicts')
    .argument('<group>', 'the group id (the attempts are <group>-1, <group>-2, …)')
    .option('--json', 'print the comparison as JSON')
    .action(async (group: string, opts: { repo?: string; json?: boolean }) => {
      const [repo, { compareGroup, comparisonRows, pickLine }] = await Promise.all([resolveRepo(opts), load.reviewCompare()]);
      const c = await compareGroup(repo, group).catch((error: Error) => {
        throw new UserError(error.message);
      });
      if (opts.json) return printJson(c);
      const lines = [`Group ${c.group}: ${c.attempts.length} attempts`, formatTable(comparisonRows(c))];
      lines.push(`${pickLine(c)}${c.best ? `: wtagents review ${c.best.id}` : ''}`);
      lines.push('Merging one: wtagents review ID --merge --abandon-others (the others are abandoned, their patches kept).');
      print(lines.join('\n'));
    });
}
