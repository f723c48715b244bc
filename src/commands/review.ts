// `wtagents review <id>`: on a terminal, the review screen (the TUI opened on that task); without one, the
// evidence summary; --stat, --patch, --json, and the decisions --merge, --request-changes, --abandon
// (confirmed with y/N on a terminal, or --yes).
import { load } from '../app/load.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TaskRecord } from '../core/task.js';
import type { MergeStrategy } from '../core/decision.js';
import type { Command } from 'commander';
import { UsageError, UserError } from '../core/errors.js';
import { singleLine } from '../core/terminal-text.js';
import { askYesNo, collect, print, printJson, resolveRepo, warn, withRepoOption } from './common.js';
import type { TuiModule } from './tui.js';

interface ReviewOptions {
  repo?: string;
  stat?: boolean;
  patch?: boolean;
  json?: boolean;
  merge?: boolean;
  squash?: boolean;
  strategy?: string;
  editMessage?: boolean;
  commitLeftovers?: boolean;
  dropLeftovers?: boolean;
  requestChanges?: string;
  abandon?: boolean;
  abandonOthers?: boolean;
  deleteBranch?: boolean;
  keepNested?: boolean;
  pr?: boolean;
  draft?: boolean;
  remote?: string;
  comment?: string[];
  messageFile?: string;
  yes?: boolean;
}

export interface ReviewCommandOptions {
  /** The TUI's module, to open the review screen on a terminal (given by src/cli.ts, which alone may load the TUI). */
  loadScreen?: () => Promise<TuiModule>;
}

export function registerReview(program: Command, hooks: ReviewCommandOptions = {}): void {
  withRepoOption(program.command('review'))
    .description("review a task's work: evidence, diff, then merge, request changes or abandon")
    .argument('<id>', 'the task id (or a unique prefix)')
    .option('--stat', 'print the diffstat of base...branch')
    .option('--patch', 'print the whole diff of base...branch')
    .option('--json', 'print the evidence (or, with a decision, its outcome) as JSON')
    .option('--merge', 'merge the task branch into its base (--no-ff unless --strategy, --squash or config merge.strategy)')
    .option('--strategy <how>', 'with --merge: merge (--no-ff), squash (one commit) or rebase (the commits rebased, then fast-forward)')
    .option('--squash', 'with --merge: the same as --strategy squash')
    .option('--edit-message', 'with --merge: write the commit message in $EDITOR, starting from the generated one')
    .option('--message-file <file>', 'with --merge: the commit message (default: generated from the task, its checks and the agent’s summary)')
    .option('--commit-leftovers', "with --merge: commit uncommitted work left in the task's worktree first")
    .option('--drop-leftovers', "with --merge: drop uncommitted work left in the worktree (a patch is kept in review/)")
    .option('--request-changes <text>', 'send the agent back to work with this feedback (the next round starts)')
    .option('--abandon', 'stop here: keep the work as a patch in review/, remove the worktree')
    .option('--abandon-others', 'with --merge on one attempt of a group (new --attempts): abandon the other attempts (their patches kept)')
    .option('--delete-branch', 'with --abandon: delete the task branch too')
    .option('--keep-nested', 'with --merge or --abandon: save nested repositories and files under submodule paths in review/nested/ (git bundles and copies)')
    .option('--pr', 'push the task branch and open a pull request (gh; GitLab: glab), its body built from the evidence')
    .option('--draft', 'with --pr: open it as a draft')
    .option('--remote <name>', 'with --pr: the remote to push to (default: the base branch’s upstream remote, else origin)')
    .option('--comment <file:line:text>', 'a comment on a line of the diff, quoted with its code in the next request changes (repeatable; the same line again edits it, empty text removes it)', collect)
    .option('--yes', 'do not ask for confirmation (for scripts)')
    .action(async (id: string, opts: ReviewOptions) => {
      await checkFlags(opts);
      // git's own output and nothing else (src/bin.ts runs this without the parser when nothing else is given)
      if (opts.stat || opts.patch) return (await import('./review-diff.js')).printReviewDiff({ id, mode: opts.stat ? 'stat' : 'patch', ...(opts.repo !== undefined ? { repo: opts.repo } : {}) });
      const decision = opts.merge || opts.abandon || opts.requestChanges !== undefined || opts.pr;
      const screen = !decision && !opts.comment && !opts.json && hooks.loadScreen !== undefined && process.stdin.isTTY && process.stdout.isTTY;
      if (screen) return (await import('./review-screen.js')).openReviewScreen(id, opts, hooks.loadScreen!);
      const [repo, { findTaskDir }] = await Promise.all([resolveRepo(opts), load.storeTasks()]);
      const taskDir = findTaskDir(repo, id);
      if (opts.comment) await (await import('./review-comments.js')).addComments(taskDir, opts.comment, { quiet: decision === true || opts.json === true });
      if (decision) return decide(taskDir, opts);
      if (opts.comment && !opts.json) return;
      return view(taskDir, opts);
    });
}

async function checkFlags(o: ReviewOptions): Promise<void> {
  const decisions = [o.merge, o.abandon, o.requestChanges !== undefined, o.pr].filter(Boolean).length;
  if (decisions > 1) throw new UsageError('choose one decision: --merge, --request-changes, --abandon or --pr');
  if (o.abandonOthers && !o.merge) throw new UsageError('--abandon-others goes with --merge');
  if (!o.pr && (o.draft || o.remote !== undefined)) throw new UsageError('--draft and --remote go with --pr');
  if (o.stat && o.patch) throw new UsageError('choose --stat or --patch, not both');
  if (decisions > 0 && (o.stat || o.patch)) throw new UsageError('--stat and --patch only show the diff: drop them to decide');
  if (!o.merge && (o.squash || o.strategy !== undefined || o.editMessage || o.commitLeftovers || o.dropLeftovers)) throw new UsageError('--strategy, --squash, --edit-message, --commit-leftovers and --drop-leftovers go with --merge');
  if (o.strategy !== undefined && !['merge', 'squash', 'rebase'].includes(o.strategy)) throw new UsageError(`--strategy ${o.strategy}: choose merge, squash or rebase`);
  if (o.squash && o.strategy !== undefined && o.strategy !== 'squash') throw new UsageError('--squash and --strategy disagree: give one');
  if (o.editMessage && (o.messageFile !== undefined || o.strategy === 'rebase')) throw new UsageError('--edit-message goes without --message-file, and not with --strategy rebase (the commits keep their messages)');
  if (o.commitLeftovers && o.dropLeftovers) throw new UsageError('choose --commit-leftovers or --drop-leftovers, not both');
  if (!o.abandon && o.deleteBranch) throw new UsageError('--delete-branch goes with --abandon');
  if (o.comment && (o.merge || o.abandon || o.pr || o.stat || o.patch)) throw new UsageError('--comment goes alone or with --request-changes');
  // With line comments the text may be empty: they are the feedback.
  if (o.requestChanges !== undefined && !o.comment) (await load.reviewDecisions()).checkFeedback(o.requestChanges);
}

async function view(taskDir: string, opts: ReviewOptions): Promise<void> {
  const [{ openSession, writeReviewFiles }, { collectEvidence }, { formatEvidence }, { diffPatch }] = await Promise.all([
    load.reviewOpen(),
    load.reviewEvidence(),
    load.reviewEvidenceText(),
    load.gitDiff(),
  ]);
  const settled = await (await load.reviewRecord()).settlePendingDecision(taskDir);
  if (settled) warn(settled);
  const session = await openSession(taskDir);
  if (session === null) return viewClosed(taskDir, opts);
  // --json prints the evidence and does only that; the summary is the review's opening (files and event written).
  const files = opts.json ? null : await writeReviewFiles(session);
  for (const w of files?.warnings ?? []) warn(w);
  const patch = files ? files.patch : await diffPatch(session.task.repo, session.range.from, session.range.tip);
  const evidence = await collectEvidence(taskDir, session, patch);
  if (opts.json) return printJson(evidence);
  print(formatEvidence(evidence));
}

/** A task whose branch is gone (merged, abandoned with --delete-branch, or never made): its evidence as kept. */
async function viewClosed(taskDir: string, opts: ReviewOptions): Promise<void> {
  const [{ collectEvidence }, { formatEvidence }] = await Promise.all([load.reviewEvidence(), load.reviewEvidenceText()]);
  const evidence = await collectEvidence(taskDir, null);
  if (opts.json) return printJson(evidence);
  print(formatEvidence(evidence));
}

/** After merging one attempt of a group: abandon the others (--abandon-others), or say how. */
async function others(task: TaskRecord, opts: ReviewOptions): Promise<void> {
  const { otherAttempts, abandonOthers } = await load.reviewGroupOthers();
  const rest = otherAttempts(task);
  if (rest.length === 0) return;
  if (opts.abandonOthers) {
    const lines = await abandonOthers(task);
    if (!opts.json) print([`The other attempts of group ${task.group!.id}:`, ...lines].join('\n'));
    return;
  }
  if (!opts.json) print(`Other attempts of group ${task.group!.id} still open: ${rest.map((t) => t.id).join(', ')} (abandon each with wtagents review ID --abandon; their patches are kept)`);
}

async function decide(taskDir: string, opts: ReviewOptions): Promise<void> {
  const [{ readTask }, { abandonTask, mergeTask, requestChanges }, { resolveRange }, { loadConfig }, { configStrategy }, { decisionQuestion, mergeClauses, abandonClauses, requestClauses }] = await Promise.all([
    load.storeTasks(),
    load.reviewDecisions(),
    load.reviewRange(),
    load.storeConfigFile(),
    load.coreConfig(),
    load.reviewScreenText(),
  ]);
  const task = readTask(taskDir);
  if (opts.pr) return pullRequest(taskDir, task, opts);
  if (opts.merge) {
    const strategy = (opts.squash ? 'squash' : opts.strategy ?? configStrategy(loadConfig(task.repo))) as MergeStrategy;
    // Reviewed and merged in one go: what is merged is the tip as it was when this command looked.
    const reviewed = (await resolveRange(task))?.tip;
    await confirm(decisionQuestion('merge', task, { strategy, ...(reviewed ? { tip: reviewed } : {}) }), opts, '--merge');
    const leftovers = opts.commitLeftovers ? 'commit' : opts.dropLeftovers ? 'drop' : undefined;
    const message = opts.messageFile !== undefined ? readMessage(opts.messageFile) : opts.editMessage ? await editedMessage(task, strategy) : undefined;
    const r = await mergeTask(taskDir, { strategy, ...(message !== undefined ? { message } : {}), ...(leftovers ? { leftovers } : {}), ...(reviewed ? { reviewedTip: reviewed } : {}), ...(opts.keepNested ? { keepNested: true } : {}) });
    for (const w of r.warnings) warn(w);
    if (opts.json) printJson(r);
    if (r.outcome === 'conflict') {
      const fix = `wtagents review ${task.id} --request-changes "Rebase on ${task.base} and resolve the conflicts"`;
      throw new UserError(`merge conflict in ${r.conflicts!.join(', ')}: ${task.base} is unchanged and task ${task.id} is now conflict; ask the agent to resolve it: ${fix}`);
    }
    if (!opts.json) {
      printClauses(mergeClauses(r, task));
      print(`  patch kept in ${r.decision.patch}`);
    }
    await others(task, opts);
    return;
  }
  if (opts.abandon) {
    await confirm(decisionQuestion(opts.deleteBranch ? 'abandon-delete' : 'abandon', task), opts, '--abandon');
    const r = await abandonTask(taskDir, { deleteBranch: opts.deleteBranch === true, ...(opts.keepNested ? { keepNested: true } : {}) });
    for (const w of r.warnings) warn(w);
    if (opts.json) return printJson(r);
    const d = r.decision;
    printClauses(abandonClauses(r, task));
    if (d.patch) print(`  replay it on ${d.patchBase?.slice(0, 12)} with: git apply --index ${d.patch}`);
    return;
  }
  const feedback = opts.requestChanges!;
  await confirm(decisionQuestion('request-changes', task), opts, '--request-changes');
  const r = await requestChanges(taskDir, feedback);
  if (opts.json) printJson(r);
  else printClauses(requestClauses(r, task).slice(0, 2)); // a round that did not start is the error below
  if (!r.started) throw new UserError(`the next round did not start: ${r.startError}`);
}

/** A decision's clauses (src/review/screen-text.ts): the first as a sentence, the others indented under it. */
function printClauses([first, ...rest]: string[]): void {
  print(singleLine(`${first!.charAt(0).toUpperCase()}${first!.slice(1)}.`));
  for (const c of rest) print(`  ${singleLine(c)}`);
}

async function pullRequest(taskDir: string, task: TaskRecord, opts: ReviewOptions): Promise<void> {
  const { openPullRequest } = await load.reviewPullRequest();
  const { decisionQuestion } = await load.reviewScreenText();
  await confirm(decisionQuestion(opts.draft ? 'pr-draft' : 'pr', task), opts, '--pr');
  const r = await openPullRequest(taskDir, { draft: opts.draft === true, ...(opts.remote !== undefined ? { remote: opts.remote } : {}) });
  for (const w of r.warnings) warn(w);
  if (opts.json) return printJson(r);
  if (r.opened) {
    print(`Opened ${opts.draft ? 'a draft ' : ''}pull request: ${r.url}`);
    print(`  ${task.branch} pushed to ${r.remote}; body from the evidence in ${path.relative(taskDir, r.bodyFile)}`);
    return;
  }
  print(`Not opened: ${r.reason}. Run these yourself (the body is in ${r.bodyFile}):`);
  for (const c of r.commands ?? []) print(`  ${c}`);
}

/** Ask y/N on the terminal; without a terminal, refuse unless --yes. */
async function confirm(question: string, opts: ReviewOptions, flag: string): Promise<void> {
  if (opts.yes) return;
  if (!process.stdin.isTTY) throw new UsageError(`${flag} needs a confirmation and there is no terminal to ask on: add --yes`);
  await askYesNo(question);
}

/** The commit message from --message-file ("-" for stdin); empty is refused. */
/** The generated message, rewritten by the user in $EDITOR; an editor that fails or leaves it empty refuses the merge. */
async function editedMessage(task: TaskRecord, strategy: MergeStrategy): Promise<string> {
  const [{ mergeMessage }, { editText }] = await Promise.all([load.reviewMergeMessage(), load.appEditor()]);
  const text = editText(mergeMessage(task, strategy === 'squash'));
  if (text === null || text.trim() === '') throw new UserError('the editor failed or left the message empty: nothing merged');
  return text;
}

function readMessage(file: string): string {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read --message-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (text.trim() === '') throw new UserError(`--message-file ${file} is empty: the merge needs a message`);
  return text;
}
