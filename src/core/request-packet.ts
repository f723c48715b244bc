// Packet 0N (request changes): the reviewer's feedback, the previous report and check results, and the
// same worktree reminder and report requirement as packet 01.
import type { ChecksFile } from './checks.js';
import { formatDuration } from './format.js';
import { fenced } from './markdown.js';
import { workSections, type PacketInput } from './packet.js';

export interface RequestPacketInput extends PacketInput {
  /** The round this packet starts (2 for the first request). */
  round: number;
  feedback: string;
  /** report.md of the previous round, if any. */
  previousReport?: string;
  /** review/checks.json of the previous round, if any. */
  previousChecks?: ChecksFile;
}

/** How much of the previous report the packet quotes. */
export const MAX_QUOTED_REPORT = 64 * 1024;

export function requestChangesPacket(p: RequestPacketInput): string {
  const prev = p.round - 1;
  return [
    `# Task packet: ${p.title} — changes requested`,
    '',
    `Task id: \`${p.id}\` · round ${p.round} · written by wtagents`,
    '',
    `You already worked on this task (round ${prev}) in the same worktree and branch. A reviewer read your`,
    'work and asks for the changes below. Make them on top of what you committed, run the commands again,',
    'commit, and finish with a new report.',
    '',
    '## Requested changes',
    '',
    fenced(p.feedback.replace(/\r\n/g, '\n').trim(), 'text'),
    '',
    '## The task',
    '',
    fenced(p.text, 'text'),
    '',
    `## Your previous report (round ${prev})`,
    '',
    quoteReport(p.previousReport),
    '',
    `## Checks wtagents ran after round ${prev}`,
    '',
    checksSection(p.previousChecks),
    '',
    ...workSections(p),
  ].join('\n');
}

/** The previous report quoted (cut at MAX_QUOTED_REPORT), or a line saying there was none. */
export function quoteReport(report: string | undefined): string {
  const text = report?.trim() ?? '';
  if (text === '') return 'No report was recorded for the previous round.';
  if (text.length <= MAX_QUOTED_REPORT) return fenced(text, 'markdown');
  return `${fenced(text.slice(0, MAX_QUOTED_REPORT), 'markdown')}\n\n(cut: the full report was ${text.length} characters)`;
}

/** Check results as a markdown list, failing ones with their log tail. */
export function checksSection(checks: ChecksFile | undefined): string {
  if (!checks || checks.results.length === 0) return 'No checks ran.';
  const lines: string[] = [];
  for (const r of checks.results) {
    const verdict = r.exitCode === 0 ? 'passed' : r.timedOutSeconds !== undefined ? `timed out after ${r.timedOutSeconds}s` : r.exitCode === null ? 'did not finish' : `failed (exit ${r.exitCode})`;
    lines.push(`- \`${r.cmd.replace(/[`\n\r]/g, ' ')}\` — ${verdict}, ${formatDuration(r.durationMs)}`);
    if (r.exitCode !== 0 && r.logTail.trim() !== '') lines.push('', fenced(r.logTail.trimEnd(), 'text'), '');
  }
  return lines.join('\n');
}
