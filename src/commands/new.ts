// `wtagents new`: make a task (packet, scripts, trace, and in create mode its branch and worktree).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError, UserError } from '../core/errors.js';
import { createTask, type TaskMode } from '../store/create-task.js';
import { taskPaths } from '../store/layout.js';
import { collect, print, printJson, warn, withRepoOption } from './common.js';

interface NewOptions {
  repo?: string;
  task?: string;
  taskFile?: string;
  base?: string;
  out?: string;
  mode: TaskMode;
  scope?: string[];
  check?: string[];
  constraint?: string[];
  json?: boolean;
}

export function registerNew(program: Command): void {
  withRepoOption(program.command('new'))
    .description('make a task: its own branch, worktree, packet and trace')
    .argument('[task...]', 'the task text (or use --task / --task-file)')
    .option('--task <text>', 'the task text')
    .option('--task-file <file>', 'read the task text from a file ("-" for stdin)')
    .option('--base <ref>', 'branch or commit the task starts from (default: the current branch)')
    .option('--out <dir>', 'task directory (default: .wtagents/tasks/<id>)')
    .addOption(new Option('--mode <mode>', 'dry-run writes files only; create also makes the worktree').choices(['dry-run', 'create']).default('create'))
    .option('--scope <glob>', 'a path the agent may touch (repeatable)', collect)
    .option('--check <cmd>', 'a done-criteria command run in the worktree (repeatable)', collect)
    .option('--constraint <text>', 'a constraint for the agent (repeatable)', collect)
    .option('--json', 'print the task record as JSON')
    .action(async (words: string[], opts: NewOptions) => {
      const text = taskText(words, opts);
      const { record, warnings } = await createTask({
        ...(opts.repo !== undefined ? { repo: opts.repo } : {}),
        text,
        ...(opts.base !== undefined ? { base: opts.base } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        mode: opts.mode,
        scope: opts.scope ?? [],
        checks: opts.check ?? [],
        constraints: opts.constraint ?? [],
      });
      for (const w of warnings) warn(w);
      if (opts.json) return printJson(record);
      const p = taskPaths(record.taskDir);
      print(
        [
          `Created task ${record.id} (${record.state})`,
          `  branch    ${record.branch} from ${record.base} (${record.baseSha.slice(0, 12)})`,
          `  worktree  ${record.worktree}${record.mode === 'dry-run' ? ' (not created: dry-run)' : ''}`,
          `  packet    ${p.packet(1, 'background-agent')}`,
          `  next      ${record.mode === 'dry-run' ? `bash ${p.createWorktreeScript}` : `wtagents run ${record.id}`}`,
        ].join('\n'),
      );
    });
}

function taskText(words: string[], opts: NewOptions): string {
  const sources = [words.length > 0, opts.task !== undefined, opts.taskFile !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError('give the task one way only: an argument, --task or --task-file');
  if (opts.taskFile !== undefined) {
    try {
      return readFileSync(opts.taskFile === '-' ? 0 : opts.taskFile, 'utf8');
    } catch (error) {
      throw new UserError(`cannot read --task-file ${opts.taskFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  if (opts.task !== undefined) return opts.task;
  return words.join(' ');
}
