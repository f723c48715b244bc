// Each workflow step's role and packet (DESIGN §6): plan (read, change nothing, the plan), implement (the
// task packet plus the plan), review (adversarial: diff, checks, report → a parsed verdict), fix (the
// reviewer's findings), summary (the handoff). Pure text templates; the supervisor fills them per step.
import type { ChecksFile } from './checks.js';
import { plural } from './format.js';
import { fenced } from './markdown.js';
import { checksSection, quoteReport } from './request-packet.js';
import { VERDICT_FORM } from './verdict.js';

/** Steps that must change nothing in the worktree (an edit is flagged). */
export const READ_ONLY_STEPS: readonly string[] = ['plan', 'review', 'summary'];

/** The file in the task directory a step's output is saved to (review files are numbered). */
export function stepOutputFile(step: string, reviewNo = 1): string | null {
  if (step === 'plan') return 'plan.md';
  if (step === 'review') return `review-${String(reviewNo).padStart(2, '0')}.md`;
  if (step === 'summary') return 'summary.md';
  return null;
}

/** The diff quoted in a review packet is cut at this many characters. */
export const MAX_QUOTED_DIFF = 200 * 1024;

/** What a step packet is built from. Fields a step does not use may be left out. */
export interface StepPacketInput {
  /** The round's task packet (packet 01, or the request-changes packet): the implementer's instructions. */
  taskPacket: string;
  title: string;
  worktree: string;
  /** `base...HEAD` as the reviewer can run it (e.g. `main...HEAD`). */
  range: string;
  plan?: string;
  diff?: string;
  diffStat?: string;
  checks?: ChecksFile;
  report?: string;
  /** review: which review this is (1, 2, …); fix: the findings and the whole review text. */
  reviewNo?: number;
  findings?: readonly string[];
  review?: string;
  maxFixRounds?: number;
  /** summary: what happened, one line per event that matters (steps, exits, verdicts, checks, usage). */
  timeline?: readonly string[];
}

const readOnlyRule = (what: string) =>
  `Change nothing: do not edit, create or delete files in the worktree, do not commit, do not run commands that write. ${what}`;

function header(role: string, title: string, lines: string[]): string[] {
  return [`# ${role}: ${title}`, '', 'Written by wtagents for one step of a workflow (plan → implement → review → fix → summary).', '', ...lines, ''];
}

export function planPacket(p: StepPacketInput): string {
  return [
    ...header('Plan', p.title, [
      'You are the **planner**. Read the code in the worktree and plan the task below for the implementer,',
      'another agent that will receive your plan with the task packet.',
      '',
      readOnlyRule('Reading files and running read-only commands (ls, git log, grep, tests that write nothing) is fine.'),
      '',
      `Worktree: \`${p.worktree}\``,
    ]),
    '## Your output',
    '',
    'Your final message is the plan (wtagents saves it as plan.md), with these headings:',
    '',
    '1. **Steps**: what to do, in order.',
    '2. **Files**: the files to change or add, and why each.',
    '3. **Risks**: what could break, what is unclear.',
    '4. **How to verify**: the commands and the tests that prove it works.',
    '',
    '## The task packet the implementer will receive',
    '',
    fenced(p.taskPacket, 'markdown'),
    '',
  ].join('\n');
}

export function implementPacket(p: StepPacketInput): string {
  if (!p.plan?.trim()) return p.taskPacket;
  return [
    p.taskPacket.trimEnd(),
    '',
    '## The plan (from the plan step, plan.md)',
    '',
    'A planner read the code first and wrote this plan. Follow it unless the code shows it is wrong; say so in your report if you deviate.',
    '',
    fenced(p.plan.trim(), 'markdown'),
    '',
  ].join('\n');
}

export function reviewPacket(p: StepPacketInput): string {
  const diff = p.diff ?? '';
  const cut = diff.length > MAX_QUOTED_DIFF;
  return [
    ...header(`Review ${p.reviewNo ?? 1}`, p.title, [
      'You are an **adversarial reviewer**. Another agent implemented the task below in this worktree. Assume',
      'it made mistakes and find them: wrong behaviour, missed cases, tests that do not test, scope creep,',
      'security problems, anything the report claims that the diff does not show. Approve only what you would merge.',
      '',
      readOnlyRule(`You may read files and run the checks. The diff is \`git diff ${p.range}\` in \`${p.worktree}\`.`),
    ]),
    '## Your output',
    '',
    'Your final message is the review (wtagents saves it and reads the verdict back), exactly in this form:',
    '',
    fenced(VERDICT_FORM, 'markdown'),
    '',
    '`approve`: merge as it is. `request-changes`: list each concrete change under Findings (the implementer',
    `gets them${p.maxFixRounds !== undefined ? `; at most ${plural(p.maxFixRounds, 'fix round')}` : ''}). \`abandon\`: the approach is wrong; say why.`,
    '',
    '## The task packet the implementer received',
    '',
    fenced(p.taskPacket, 'markdown'),
    '',
    ...(p.plan?.trim() ? ['## The plan it was given', '', fenced(p.plan.trim(), 'markdown'), ''] : []),
    `## The diff (${p.range})`,
    '',
    p.diffStat?.trim() ? fenced(p.diffStat.trimEnd(), 'text') : 'No files changed.',
    '',
    diff.trim() ? fenced(cut ? diff.slice(0, MAX_QUOTED_DIFF) : diff, 'diff') : '(empty diff)',
    ...(cut ? ['', `(cut at ${MAX_QUOTED_DIFF} characters of ${diff.length}: read the rest with git diff ${p.range})`] : []),
    '',
    '## Checks wtagents ran in the worktree',
    '',
    checksSection(p.checks),
    '',
    "## The implementer's report",
    '',
    quoteReport(p.report),
    '',
  ].join('\n');
}

export function fixPacket(p: StepPacketInput): string {
  const items = p.findings ?? [];
  return [
    ...header(`Fix after review ${p.reviewNo ?? 1}`, p.title, [
      'You implemented this task. A reviewer (another model) read your diff, the checks and your report,',
      'and asks for the changes below. Make them on top of what you committed, run the commands again,',
      'commit, and finish with a new report (same headings as before).',
    ]),
    '## Requested changes',
    '',
    items.length > 0 ? items.map((it, i) => `${i + 1}. ${it.replace(/\r?\n/g, ' ')}`).join('\n') : 'The reviewer listed no items; read its review below.',
    '',
    '## The whole review',
    '',
    fenced((p.review ?? '').trim() || '(empty)', 'markdown'),
    '',
    '## Checks wtagents ran before the review',
    '',
    checksSection(p.checks),
    '',
    '## Your task packet (as before)',
    '',
    fenced(p.taskPacket, 'markdown'),
    '',
    ...(p.plan?.trim() ? ['## The plan (as before)', '', fenced(p.plan.trim(), 'markdown'), ''] : []),
  ].join('\n');
}

export function summaryPacket(p: StepPacketInput): string {
  return [
    ...header('Summary', p.title, [
      'You write the **handoff** for the human who decides whether to merge this branch. Be short and factual:',
      'what changed, whether the checks pass, what the reviewer said, what is left to do or to watch.',
      '',
      readOnlyRule('Everything you need is below; you may read files in the worktree.'),
    ]),
    '## Your output',
    '',
    'Your final message is the summary (wtagents saves it as summary.md): a few sentences, then bullets for',
    'the changes, the evidence (checks, review verdict) and anything open. No preamble.',
    '',
    '## What happened (from the trace)',
    '',
    (p.timeline ?? []).length > 0 ? (p.timeline ?? []).map((l) => `- ${l}`).join('\n') : 'Nothing was recorded.',
    '',
    `## Diff stat (${p.range})`,
    '',
    p.diffStat?.trim() ? fenced(p.diffStat.trimEnd(), 'text') : 'No files changed.',
    '',
    '## Checks',
    '',
    checksSection(p.checks),
    '',
    ...(p.review?.trim() ? ['## The last review', '', fenced(p.review.trim(), 'markdown'), ''] : []),
    "## The implementer's report",
    '',
    quoteReport(p.report),
    '',
  ].join('\n');
}

/** The packet of `step` (fix and review use the review fields; implement without a plan is the task packet). */
export function stepPacket(step: string, p: StepPacketInput): string {
  switch (step) {
    case 'plan':
      return planPacket(p);
    case 'review':
      return reviewPacket(p);
    case 'fix':
      return fixPacket(p);
    case 'summary':
      return summaryPacket(p);
    default:
      return implementPacket(p);
  }
}

/** What `run --print` shows for a step: its packet as a template, the parts made during the run named in <…>. */
export function stepPacketTemplate(step: string, t: { taskPacket: string; title: string; worktree: string; range: string; planned: boolean }): string {
  const later = (what: string) => `<${what}: filled in when the step starts>`;
  return stepPacket(step, {
    taskPacket: t.taskPacket,
    title: t.title,
    worktree: t.worktree,
    range: t.range,
    ...(t.planned ? { plan: later('plan.md, from the plan step') } : {}),
    diff: later(`git diff ${t.range}`),
    diffStat: later('git diff --stat'),
    report: later("the implementer's report"),
    findings: [later("the reviewer's findings")],
    review: later('review-NN.md'),
    timeline: [later('steps, exits, verdicts, checks and usage from the trace')],
  });
}
