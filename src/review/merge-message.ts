// The merge commit's message, generated from the task: its title as the subject, the task text, the checks
// wtagents ran (with their results) and the start of the agent's report (labelled as its words). The user's
// own message (`review --merge --message-file F`) replaces it.
import { readFileSync } from 'node:fs';
import { checkEnd, ChecksFile } from '../core/checks.js';
import type { TaskRecord } from '../core/task.js';
import { singleLine } from '../core/terminal-text.js';
import { taskPaths } from '../store/layout.js';
import { reviewPaths } from './paths.js';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function mergeMessage(task: TaskRecord, squash: boolean): string {
  const subject = squash ? task.title : `Merge ${task.branch}: ${task.title}`;
  const body: string[] = [];
  const text = task.text.trim();
  if (text !== '' && text !== task.title) body.push(text);
  const checks = ChecksFile.safeParse(readJson(reviewPaths(task.taskDir).checks));
  if (checks.success && checks.data.results.length > 0) {
    body.push(['Checks run by wtagents:', ...checks.data.results.map((r) => `- ${r.exitCode === 0 ? 'passed' : `FAILED (${checkEnd(r)})`}: ${singleLine(r.cmd)}`)].join('\n'));
  }
  let report = '';
  try {
    report = readFileSync(taskPaths(task.taskDir).report, 'utf8').trim();
  } catch {
    // no report
  }
  if (report !== '') {
    const lines = report.split('\n').slice(0, 8).map((l) => l.trimEnd());
    body.push(['The agent’s summary (its words):', ...lines.map((l) => (l === '' ? '>' : `> ${l}`))].join('\n'));
  }
  body.push(squash ? `Squashed from ${task.branch} (wtagents task ${task.id}, round ${task.round}).` : `wtagents task ${task.id}, round ${task.round}, reviewed before merge.`);
  return `${subject}\n\n${body.join('\n\n')}\n`;
}
