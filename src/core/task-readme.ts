// The task directory's README.md: what the task is, where its files are, how to review it.
import { fenced, inlineCode } from './markdown.js';

export interface TaskReadmeInput {
  id: string;
  title: string;
  text: string;
  base: string;
  baseSha: string;
  branch: string;
  worktree: string;
  mode: 'dry-run' | 'create';
}

export function taskReadme(t: TaskReadmeInput): string {
  return [
    `# ${t.title}`,
    '',
    `wtagents task \`${t.id}\` — branch ${inlineCode(t.branch)} from ${inlineCode(t.base)} (${t.baseSha.slice(0, 12)}).`,
    '',
    fenced(t.text, 'text'),
    '',
    '## Files',
    '',
    '- `task.json` — the task record (state, base, branch, processes)',
    '- `trace.jsonl` — every event, one JSON object a line',
    '- `packets/01-background-agent.md` — what the agent receives',
    '- `commands/create-worktree.sh` — makes the branch and worktree' +
      (t.mode === 'dry-run' ? ' (not run yet: this task was made with `--mode dry-run`)' : ''),
    '- `commands/review-before-merge.sh` — status, diff stat and full diff into `review/diff.patch`',
    `- worktree: ${inlineCode(t.worktree)}`,
    '',
    '## Review before merge',
    '',
    "Do not merge a background agent branch because the final message sounds confident. Merge it because the",
    'evidence is good: run `bash commands/review-before-merge.sh`, or `wtagents review ' + t.id + '`.',
    '',
  ].join('\n');
}
