// Claude Code `-p --output-format stream-json --verbose` → trace events (system/assistant/user/result lines).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { deniedEvent } from './denials.js';
import type { AdapterOptions } from './resume-usage.js';
import { costShare } from './resume-usage.js';
import { ToolCalls } from './tool-calls.js';
import { plus, USAGE_RULES, type UsageFigures } from './usage.js';
import { arr, contentText, count, num, obj, str, type Obj } from './values.js';

/**
 * - `system/init` → agent.session (session id, model); other system lines are skipped.
 * - `assistant` content blocks: text → agent.message, thinking → agent.reasoning, tool_use → tool start.
 * - `user` tool_result blocks → command / tool result / file edit (see ToolCalls).
 * - `result` → agent.usage scope `run` (a run total: the last one wins; its cost is this process's share: after
 *   `--resume` Claude restores the session's cost, so `total_cost_usd` is the session's — `modelUsage` then
 *   counts more tokens than `usage` — and the resumed session's earlier cost is taken off), the report (`result`), the
 *   error flag (`is_error: true` or an `error_*` subtype, even when the subtype says success), and one
 *   agent.denied per `permission_denials` entry (tool_name, tool_use_id, tool_input), its reason the text
 *   of that call's error result ("… requires approval").
 * - `assistant` usage → agent.usage scope `call`, once per message id (Claude repeats a message's usage on each
 *   of its content lines; only growth is recorded): tokens while the process runs, no cost (Claude's stream
 *   has none before the result; its per-message output count is the stream's first, usually 1). The `run`
 *   total of the result then wins over these parts; a stream killed before its result keeps their sum.
 * Usage: input tokens count cache reads and cache writes too (`cachedTokens` = cache reads).
 */
export function claudeAdapter(opts: AdapterOptions = {}): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls();
  const perMessage = new Map<string, UsageFigures>();
  /** Error results by call id: a denied call's reason. */
  const failures = new Map<string, string>();
  let lastText: string | undefined;

  return jsonAdapter({
    object(o) {
      const events: NewTraceEvent[] = [];
      const type = str(o.type);
      if (type === 'system') {
        if (str(o.subtype) === 'init') events.push(...s.session(o.session_id, o.model));
        return events;
      }
      events.push(...s.session(o.session_id));
      if (type === 'assistant') {
        const message = obj(o.message);
        if (!message) return events;
        if (!s.model && str(message.model) && message.model !== '<synthetic>') s.model = str(message.model);
        const id = str(message.id);
        const u = obj(message.usage);
        for (const block of arr(message.content)) {
          const b = obj(block);
          if (!b) continue;
          const kind = str(b.type);
          if (kind === 'text' && str(b.text)) {
            lastText = b.text as string;
            events.push(textEvent('agent.message', lastText));
          } else if (kind === 'thinking' && str(b.thinking)) {
            events.push(textEvent('agent.reasoning', b.thinking as string));
          } else if (kind === 'tool_use' && str(b.name)) {
            events.push(...tools.start({ name: b.name as string, callId: str(b.id), input: b.input }));
          }
        }
        if (id && u && (perMessage.size < 10_000 || perMessage.has(id))) {
          // Live usage while the process runs (its only cost figure comes with the result): each model call's
          // tokens once, as `call` parts, so a budget's maxTokens holds a claude that never ends its turn.
          const now = claudeUsage(u);
          const part = grown(now, perMessage.get(id));
          perMessage.set(id, now);
          if (part) events.push(s.usage.record('call', part));
        }
        return events;
      }
      if (type === 'user') {
        for (const block of arr(obj(o.message)?.content)) {
          const b = obj(block);
          if (!b || str(b.type) !== 'tool_result') continue;
          const output = contentText(b.content) ?? '';
          const callId = str(b.tool_use_id);
          if (b.is_error === true && callId && failures.size < 1000) failures.set(callId, output);
          events.push(...tools.end({ callId, ok: b.is_error !== true, output }));
        }
        return events;
      }
      if (type === 'result') {
        const u = obj(o.usage);
        const figures = u ? claudeUsage(u) : {};
        const total = count(o.total_cost_usd);
        const cost = sessionTotals(o.modelUsage, figures) ? costShare(total, opts.resumeBaseline, s.sessionId) : total;
        if (u || cost !== undefined) events.push(s.usage.record(USAGE_RULES.claude, { ...figures, ...(cost !== undefined ? { costUsd: cost } : {}) }));
        const subtype = str(o.subtype) ?? '';
        const failed = o.is_error === true || subtype.startsWith('error');
        s.setFinal(str(o.result) ?? lastText);
        const denied = new Set<string>();
        for (const entry of arr(o.permission_denials).slice(0, 100)) {
          const d = obj(entry);
          const tool = str(d?.tool_name);
          if (!d || !tool) continue;
          const callId = str(d.tool_use_id);
          if (callId && denied.has(callId)) continue;
          if (callId) denied.add(callId);
          const reason = (callId && failures.get(callId)?.trim()) || 'denied by the permission mode';
          events.push(deniedEvent({ tool, callId, input: d.tool_input, reason }));
        }
        if (failed) {
          s.isError = true;
          const errors = arr(o.errors).filter((e): e is string => typeof e === 'string');
          events.push(errorEvent(str(o.result) || errors.join('; ') || subtype || 'error result'));
        }
        return events;
      }
      return events;
    },
    summary() {
      const summary = s.summary();
      if (summary.finalMessage === undefined && lastText) summary.finalMessage = lastText.trim();
      return summary;
    },
  });
}

/** What `now` adds to `before` (the same message's earlier figures), or null when nothing grew. */
function grown(now: UsageFigures, before: UsageFigures | undefined): UsageFigures | null {
  const part: UsageFigures = {};
  for (const k of ['inputTokens', 'outputTokens', 'cachedTokens'] as const) {
    const d = (now[k] ?? 0) - (before?.[k] ?? 0);
    if (d > 0) part[k] = d;
  }
  return part.inputTokens || part.outputTokens ? part : null;
}

function claudeUsage(u: Obj): UsageFigures {
  const read = count(u.cache_read_input_tokens);
  const input = plus(count(u.input_tokens), count(u.cache_creation_input_tokens), read);
  const out: UsageFigures = {};
  if (input !== undefined) out.inputTokens = input;
  const output = num(u.output_tokens);
  if (output !== undefined && output >= 0) out.outputTokens = output;
  if (read !== undefined) out.cachedTokens = read;
  return out;
}

/** Whether `modelUsage` (the session's, once restored on resume) counts more tokens than this process's `usage`. */
function sessionTotals(modelUsage: unknown, process: UsageFigures): boolean {
  let output = 0;
  for (const m of Object.values(obj(modelUsage) ?? {}).slice(0, 50)) output += count(obj(m)?.outputTokens) ?? 0;
  return output > (process.outputTokens ?? 0);
}
