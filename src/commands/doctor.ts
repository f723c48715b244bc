// `wtagents doctor [--fix]`: debris a crash or a kill left (unfinished `new`s, task directories without
// task.json, stray wtagents/ branches, prunable worktrees, stale locks with their owner and age); --fix
// repairs what can be repaired without losing work and says how to handle the rest by hand.
import { load } from '../app/load.js';
import type { Command } from 'commander';
import { singleLine as oneLine } from '../core/terminal-text.js';
import { print, printJson, resolveRepo, withRepoOption } from './common.js';

export function registerDoctor(program: Command): void {
  withRepoOption(program.command('doctor'))
    .description('find (and with --fix repair) debris: unfinished tasks, stray branches, prunable worktrees, stale locks')
    .option('--fix', 'repair what can be repaired without losing work')
    .option('--json', 'print the findings (and repairs) as JSON')
    .action(async (opts: { repo?: string; fix?: boolean; json?: boolean }) => {
      const [repo, { diagnose, repair }] = await Promise.all([resolveRepo(opts), load.reviewDoctor()]);
      const findings = await diagnose(repo);
      const repaired = opts.fix ? await repair(findings) : [];
      if (opts.json) {
        return printJson({ findings: findings.map(({ repair: _, ...f }) => f), ...(opts.fix ? { repaired } : {}) });
      }
      if (findings.length === 0) return print('Nothing to fix: no debris found.');
      const lines = findings.map((f) => `${f.kind.padEnd(17)} ${oneLine(f.subject)}\n  ${oneLine(f.detail)}\n  ${f.fixable ? (opts.fix ? 'fixed: ' : 'fix (--fix): ') : 'by hand: '}${oneLine(f.fix)}`);
      print(lines.join('\n'));
      if (opts.fix) print(repaired.length > 0 ? `\nRepaired:\n${repaired.map((r) => `  ${oneLine(r)}`).join('\n')}` : '\nNothing could be repaired automatically.');
      else if (findings.some((f) => f.fixable)) print('\nRun wtagents doctor --fix to repair what is marked (--fix).');
      process.exitCode = findings.some((f) => !f.fixable) || !opts.fix ? 1 : 0;
    });
}
