// The human form of trace events (`wtagents logs`): time, round, step, type and a one-line summary.
import { formatDuration, formatTokens } from './format.js';
import { oneLine } from './strip-control.js';
import type { TraceEvent } from './trace-schema.js';

/** HH:MM:SS in local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--:--';
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One line for an event: `12:03:04 r1 implement  agent.output    the text`. */
export function formatEvent(e: TraceEvent): string {
  const step = (e.step ?? '').padEnd(9);
  return `${clockTime(e.ts)} r${e.round} ${step} ${e.type.padEnd(16)} ${summarize(e)}`.trimEnd();
}

/** What an event says, in one line (control sequences stripped). */
export function summarize(e: TraceEvent): string {
  switch (e.type) {
    case 'task.created':
      return oneLine(`"${e.title}" from ${e.base} (${e.baseSha.slice(0, 12)}), ${e.mode}`);
    case 'packet.written':
      return oneLine(e.path);
    case 'worktree.created':
      return oneLine(`${e.path} on ${e.branch}`);
    case 'agent.started':
      return oneLine(`${e.agent}${e.pid ? ` pid ${e.pid}` : ''}${e.model ? ` model ${e.model}` : ''}${e.command ? `: ${e.command.join(' ')}` : ''}`);
    case 'agent.session':
      return oneLine(`session ${e.sessionId}${e.model ? ` (${e.model})` : ''}`);
    case 'agent.message':
    case 'agent.reasoning':
      return oneLine(e.text);
    case 'agent.tool':
      return oneLine([e.name, e.target ?? compactInput(e.input), e.status ? `[${e.status}]` : ''].filter(Boolean).join(' '));
    case 'agent.command':
      return oneLine(`$ ${e.cmd}${e.exitCode != null ? ` → exit ${e.exitCode}` : ''}`);
    case 'agent.file_edit':
      return oneLine(e.paths.join(', '));
    case 'agent.usage':
      return `${formatTokens(e.inputTokens ?? 0)} in, ${formatTokens(e.outputTokens ?? 0)} out${e.costUsd !== undefined ? `, $${e.costUsd.toFixed(4)}` : ''} (${e.scope})`;
    case 'agent.output':
      return `${e.stream === 'stderr' ? '! ' : ''}${oneLine(e.text)}`;
    case 'agent.error':
      return oneLine(e.message);
    case 'agent.exited':
      return `exit ${e.code ?? '-'}${e.signal ? ` (${e.signal})` : ''} after ${formatDuration(e.durationMs)}`;
    case 'check.started':
      return oneLine(`$ ${e.cmd}`);
    case 'check.finished':
      return oneLine(`${e.exitCode === 0 ? 'ok' : 'FAILED'} ${e.cmd} → exit ${e.exitCode ?? '-'} in ${formatDuration(e.durationMs)}`);
    case 'review.opened':
      return `${e.files ?? 0} files, +${e.added ?? 0} −${e.removed ?? 0}`;
    case 'review.decision':
      return oneLine(`${e.decision}${e.detail ? `: ${e.detail}` : ''}`);
    case 'task.state':
      return oneLine(`→ ${e.state}${e.reason ? ` (${e.reason})` : ''}`);
  }
}

function compactInput(input: unknown): string {
  if (input === undefined) return '';
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  return text ?? '';
}
