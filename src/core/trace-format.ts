// One trace event → one display row (pure): a glyph, a tone and one line of text, agent text made safe.
import { formatCost, formatDuration, formatTokens, plural } from './format.js';
import { oneRow } from './terminal-text.js';
import type { TraceEvent } from './trace-schema.js';

export type Tone = 'normal' | 'dim' | 'ok' | 'warn' | 'error' | 'accent';

export interface TraceRow {
  seq: number;
  /** HH:MM:SS of the event (local time). */
  time: string;
  glyph: string;
  tone: Tone;
  text: string;
}

/** The longest text a row keeps (rows are cut to the screen width anyway; this bounds memory). */
export const ROW_TEXT_MAX = 400;

export function formatTraceEvent(e: TraceEvent): TraceRow {
  const [glyph, tone, text] = describe(e);
  const clean = oneRow(text);
  return { seq: e.seq, time: clock(e.ts), glyph, tone, text: clean.length > ROW_TEXT_MAX ? `${clean.slice(0, ROW_TEXT_MAX - 1)}…` : clean };
}

/** A row for a line that could not be read as an event. */
export function malformedRow(seq: number, reason: string): TraceRow {
  return { seq, time: '', glyph: '?', tone: 'dim', text: `(unreadable trace line: ${reason})` };
}

function describe(e: TraceEvent): [string, Tone, string] {
  switch (e.type) {
    case 'task.created':
      return ['+', 'dim', `task created from ${e.base} (${e.baseSha.slice(0, 7)}, ${e.mode})`];
    case 'packet.written':
      return ['≡', 'dim', `packet ${e.path}`];
    case 'worktree.created':
      return ['⎇', 'dim', `worktree on ${e.branch}`];
    case 'agent.started':
      if (e.sandbox?.startsWith('not sandboxed')) return ['▶', 'warn', `agent ${e.agent} started${e.model ? ` (${e.model})` : ''}${e.step ? ` · ${e.step}` : ''} · ${e.sandbox}`];
      return ['▶', 'accent', `agent ${e.agent} started${e.model ? ` (${e.model})` : ''}${e.step ? ` · ${e.step}` : ''}${e.sandbox ? ` · sandbox ${e.sandbox}` : ''}`];
    case 'agent.session':
      return ['·', 'dim', `session ${e.sessionId}${e.model ? ` · ${e.model}` : ''}`];
    case 'agent.message':
      return ['»', 'normal', e.text];
    case 'agent.reasoning':
      return ['…', 'dim', e.text];
    case 'agent.tool': {
      const failed = e.status === 'error' || e.status === 'failed';
      const call = `${e.name} ${toolTarget(e.target, e.input)}`.trimEnd();
      // A call's result is its own event: shown as a quiet follow-up row, not as the call again.
      if (e.status === 'completed') return ['↳', 'dim', `${call} · done`];
      return [failed ? '↳' : '⚙', failed ? 'error' : 'normal', `${call}${failed ? ' (failed)' : ''}`];
    }
    case 'agent.command': {
      const code = e.exitCode;
      if (code === null || code === undefined) {
        // Exit code unknown (gemini's stream has none): the last output line is the only evidence of how it went.
        const seen = lastLine(e.output);
        return ['$', 'normal', `${e.cmd}${e.status ? ` (${e.status})` : ''}${seen ? ` · ${seen}` : ''}`];
      }
      // A failed command says why: the last line of its output.
      const why = code !== 0 ? lastLine(e.output) : '';
      return ['$', code === 0 ? 'normal' : 'error', `${e.cmd} → exit ${code}${why ? ` · ${why}` : ''}`];
    }
    case 'agent.file_edit':
      return ['✎', 'normal', e.paths.join(', ')];
    case 'agent.usage': {
      const parts = [`${formatTokens(e.inputTokens ?? 0)} in`, `${formatTokens(e.outputTokens ?? 0)} out`];
      if (e.costUsd !== undefined) parts.push(e.estimated ? `≈${formatCost(e.costUsd)} (estimated from prices)` : formatCost(e.costUsd));
      return ['Σ', 'dim', `${parts.join(' · ')} (${e.scope})`];
    }
    case 'agent.output':
      return [e.stream === 'stderr' ? '!' : '›', e.stream === 'stderr' ? 'warn' : 'normal', e.text];
    case 'agent.error':
      return ['✗', 'error', e.message];
    case 'agent.exited': {
      const ok = e.code === 0;
      const how = e.signal ? `signal ${e.signal}` : `code ${e.code ?? '?'}`;
      return ['■', ok ? 'ok' : 'error', `agent exited with ${how} after ${formatDuration(e.durationMs)}`];
    }
    case 'agent.denied':
      return ['⊘', 'warn', `denied: ${e.tool} ${toolTarget(e.target, e.input)}`.trimEnd() + ` · ${e.reason}`];
    case 'check.started':
      return ['◌', 'dim', `check ${e.cmd}`];
    case 'check.finished': {
      const ok = e.exitCode === 0;
      return [ok ? '✓' : '✗', ok ? 'ok' : 'error', `check ${e.cmd} ${ok ? 'passed' : e.timedOutSeconds !== undefined ? `timed out after ${e.timedOutSeconds}s` : `failed (exit ${e.exitCode ?? '?'})`} in ${formatDuration(e.durationMs)}`];
    }
    case 'guard.violation':
      return ['⚠', 'error', `outside the worktree: ${e.what} ${e.detail}`];
    case 'step.output': {
      const edited = e.edited && e.edited.length > 0 ? ` · ! edited ${plural(e.edited.length, 'file')}: ${e.edited.slice(0, 3).join(', ')}` : '';
      if (e.verdict !== undefined) {
        const tone: Tone = e.verdict === 'approve' ? 'ok' : e.verdict === null ? 'warn' : 'error';
        const items = e.items && e.items.length > 0 ? ` · ${plural(e.items.length, 'finding')}: ${e.items[0]}` : '';
        return ['⚖', edited ? 'warn' : tone, `${e.file}: ${e.verdict ?? 'no verdict'}${items}${edited}`];
      }
      return ['▤', edited ? 'warn' : 'accent', `${e.file} written${e.lines !== undefined ? ` (${e.lines} lines)` : ''}${edited}`];
    }
    case 'budget.exceeded':
      return ['◷', 'error', e.reason ?? `budget exceeded: ${e.limit} ${e.figure ?? '?'} > ${e.max ?? '?'}`];
    case 'review.opened':
      return ['◎', 'accent', `review opened${e.files !== undefined ? ` · ${e.files} files +${e.added ?? 0} −${e.removed ?? 0}` : ''}`];
    case 'review.decision':
      return ['◎', 'accent', `decision: ${e.decision}${e.detail ? ` · ${e.detail}` : ''}`];
    case 'pr.opened':
      return ['⇡', 'accent', `${e.draft ? 'draft ' : ''}pull request opened: ${e.url}`];
    case 'worktree.removed':
      return ['⌫', 'dim', `worktree removed (${e.reason})${e.savedIn?.length ? ` · work in ${e.savedIn.join(', ')}` : ''}`];
    case 'task.state':
      return ['→', e.state === 'failed' || e.state === 'conflict' ? 'error' : 'accent', `${e.state}${e.reason ? ` · ${e.reason}` : ''}`];
    case 'trace.truncated':
      return ['✂', 'warn', e.reason];
    case 'runner.status':
      return ['⇄', e.status === 'unreachable' ? 'error' : 'dim', `runner ${e.runner}: ${e.status}${e.detail ? ` · ${e.detail}` : ''}`];
    case 'takeover.started':
      return ['⌨', 'accent', `taken over in ${e.agent}${e.sessionId ? ` (session ${e.sessionId})` : ' (a new session)'}`];
    case 'takeover.finished': {
      const left = e.leftovers.length > 0 ? ` · ${e.leftovers.length} uncommitted` : '';
      return ['⌨', e.exitCode === 0 ? 'accent' : 'warn', `takeover ended (exit ${e.exitCode ?? '?'}) · ${plural(e.commits.length, 'new commit')}${left}`];
    }
  }
}

/** What a tool call works on: its file, command, pattern or URL, else its input in brief. */
export function toolTarget(target: string | undefined, input: unknown): string {
  if (target) return target;
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    for (const k of ['file_path', 'path', 'filePath', 'command', 'cmd', 'pattern', 'url', 'query', 'description']) {
      const v = o[k];
      if (typeof v === 'string' && v !== '') return v;
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(' ');
    }
    const json = JSON.stringify(input);
    return json === '{}' ? '' : json.slice(0, 200);
  }
  return '';
}

function clock(ts: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** One line for `wtagents logs`: `12:03:04 r1 implement agent.started    ▶ agent claude started`. */
export function formatLogLine(e: TraceEvent): string {
  const row = formatTraceEvent(e);
  return `${row.time || '--:--:--'} r${e.round} ${(e.step ?? '').padEnd(9)} ${e.type.padEnd(16)} ${row.glyph} ${row.text}`.trimEnd();
}

/** The last non-empty line of a command's output, cut to 200 characters. */
function lastLine(output: string | undefined): string {
  const line = (output ?? '').split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
