// The task packet: the markdown an agent receives on stdin (scope, constraints, commands, report).
import { bullets, fenced, inlineCode } from './markdown.js';

export interface PacketInput {
  id: string;
  title: string;
  text: string;
  worktree: string;
  branch: string;
  base: string;
  baseSha: string;
  scope: readonly string[];
  constraints: readonly string[];
  checks: readonly string[];
}

/** The report sections every packet requires, in order (the review gate parses them back). */
export const REPORT_SECTIONS = [
  'Summary of changes',
  'Files touched',
  'Test/build commands run',
  'Risks and assumptions',
  'git diff --stat',
  'Merge recommendation',
] as const;

export const HOUSE_CONSTRAINTS = [
  'Work only inside the worktree above. Never read from or write to other checkouts of this repository.',
  'Commit your work on the task branch. Do not push, merge, rebase other branches, or delete branches.',
  'Do not change git configuration, hooks, or remotes.',
  'Do not print secrets; do not add credentials, tokens or keys to files.',
];

/** Packet 01: the first round's instructions. */
export function backgroundAgentPacket(p: PacketInput): string {
  return [
    `# Task packet: ${p.title}`,
    '',
    `Task id: \`${p.id}\` · round 1 · written by wtagents`,
    '',
    'You are a background coding agent. You work alone, without asking questions, on the task below,',
    'inside an isolated git worktree. A human reviews your branch before anything is merged, on evidence:',
    'the diff, the checks wtagents re-runs itself, and your report.',
    '',
    '## Task',
    '',
    fenced(p.text, 'text'),
    '',
    ...workSections(p),
  ].join('\n');
}

/** The sections every packet ends with: where to work, scope, constraints, commands, done-when, report. */
export function workSections(p: PacketInput): string[] {
  return [
    '## Where you work',
    '',
    `- Worktree (work only inside it): ${inlineCode(p.worktree)}`,
    `- Branch: ${inlineCode(p.branch)}, started from ${inlineCode(p.base)} at ${inlineCode(p.baseSha)}`,
    '',
    '## Scope',
    '',
    p.scope.length > 0
      ? `Change only files matching these paths (globs, relative to the worktree):\n\n${bullets(p.scope.map((s) => inlineCode(s)), '')}`
      : 'No scope limit was set: keep the change focused on the task and touch nothing unrelated.',
    '',
    '## Constraints',
    '',
    bullets([...p.constraints, ...HOUSE_CONSTRAINTS], ''),
    '',
    '## Commands',
    '',
    p.checks.length > 0
      ? `Run these in the worktree; wtagents runs them again after you finish:\n\n${fenced(p.checks.join('\n'), 'sh')}`
      : "No check commands were given: run the project's own tests and build if it has them.",
    '',
    '## Done when',
    '',
    bullets(
      [
        'the task above is complete, within the scope and constraints',
        ...(p.checks.length > 0 ? ['every command under Commands exits 0'] : []),
        'all your work is committed on the task branch (nothing left uncommitted or untracked)',
        'your final message is the report below',
      ],
      '',
    ),
    '',
    '## Report (required)',
    '',
    'Finish with a final message that is this report, with these headings:',
    '',
    ...REPORT_SECTIONS.map((s, i) => `${i + 1}. **${s}**${reportHint(s, p.base)}`),
    '',
  ];
}

function reportHint(section: (typeof REPORT_SECTIONS)[number], base: string): string {
  switch (section) {
    case 'Summary of changes':
      return ': what you changed and why.';
    case 'Files touched':
      return ': every file you added, changed or deleted.';
    case 'Test/build commands run':
      return ': each command and its result.';
    case 'Risks and assumptions':
      return ': what could break, what you assumed, what you did not do.';
    case 'git diff --stat':
      return `: the output of \`git diff --stat ${base.includes('`') ? 'BASE' : base}...HEAD\`.`;
    case 'Merge recommendation':
      return ': one of `merge`, `request changes` or `abandon`, and why.';
  }
}
