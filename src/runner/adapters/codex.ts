// Codex CLI `exec --json` → trace events (thread / turn / item lines).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { CODEX_SANDBOX_MARKERS } from './denials.js';
import type { AdapterOptions } from './resume-usage.js';
import { shareOf } from './resume-usage.js';
import { ToolCalls } from './tool-calls.js';
import { USAGE_RULES, type UsageFigures } from './usage.js';
import { arr, contentText, count, firstStr, num, obj, str, type Obj } from './values.js';

/**
 * - `thread.started` → agent.session (the thread id is what `codex exec resume` takes).
 * - `turn.completed` → agent.usage scope `run` (USAGE_RULES.codex: the session's running total, so a resumed
 *   round counts the total minus `resumeBaseline`, what the session had reported before; no cost field);
 *   `turn.failed` → agent.error and the error flag; a top-level `error` line → agent.error only (Codex also
 *   uses it for retries).
 * - items, on `item.completed` unless said: agent_message → agent.message (the last one is the report),
 *   reasoning → agent.reasoning, command_execution → tool start on `item.started`, agent.command when done,
 *   file_change → agent.file_edit, mcp_tool_call / web_search → tool start and result, error → agent.error.
 *   A failed command whose output carries a sandbox refusal (codex's own markers: a read-only file system,
 *   EPERM, permission denied…) also → agent.denied: codex tells the model nothing else.
 *   `item.updated`, todo_list and plan items are skipped.
 * Input tokens include cached ones (`cached_input_tokens` is a part of `input_tokens`).
 */
export function codexAdapter(opts: AdapterOptions = {}): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls({ sandboxMarkers: CODEX_SANDBOX_MARKERS });

  return jsonAdapter({
    object(o) {
      switch (str(o.type)) {
        case 'thread.started':
          return s.session(o.thread_id);
        case 'turn.completed': {
          const u = obj(o.usage);
          if (!u) return [];
          const input = count(u.input_tokens);
          const output = count(u.output_tokens);
          const cached = count(u.cached_input_tokens);
          const total: UsageFigures = {
            ...(input !== undefined ? { inputTokens: input } : {}),
            ...(output !== undefined ? { outputTokens: output } : {}),
            ...(cached !== undefined ? { cachedTokens: cached } : {}),
          };
          const base = opts.resumeBaseline;
          const resumed = base && (s.sessionId === undefined || s.sessionId === base.sessionId) ? base.usage : undefined;
          return [s.usage.record(USAGE_RULES.codex, shareOf(total, resumed))];
        }
        case 'turn.failed':
          s.isError = true;
          return [errorEvent(firstStr(obj(o.error), 'message') ?? str(o.error) ?? 'turn failed')];
        case 'error':
          return [errorEvent(str(o.message) ?? firstStr(obj(o.error), 'message') ?? 'error')];
        case 'item.started':
        case 'item.completed': {
          const item = obj(o.item);
          return item ? itemEvents(item, o.type === 'item.completed') : [];
        }
        default:
          return [];
      }
    },
    summary: () => s.summary(),
  });

  function itemEvents(item: Obj, done: boolean): NewTraceEvent[] {
    const id = str(item.id);
    switch (str(item.type)) {
      case 'agent_message': {
        const text = str(item.text);
        if (!done || text === undefined) return [];
        s.setFinal(text);
        return [textEvent('agent.message', text)];
      }
      case 'reasoning': {
        const text = str(item.text);
        return done && text ? [textEvent('agent.reasoning', text)] : [];
      }
      case 'command_execution': {
        const input = { command: str(item.command) ?? '' };
        if (!done) return tools.start({ name: 'shell', callId: id, input });
        const exitCode = num(item.exit_code);
        const ok = str(item.status) !== 'failed' && (exitCode === undefined || exitCode === 0);
        return tools.end({ name: 'shell', callId: id, input, ok, output: str(item.aggregated_output) ?? '', exitCode: exitCode ?? null });
      }
      case 'file_change': {
        if (!done) return [];
        const paths = arr(item.changes)
          .map((c) => str(obj(c)?.path))
          .filter((p): p is string => p !== undefined && p !== '');
        if (str(item.status) === 'failed') {
          return [{ type: 'agent.tool', name: 'file_change', status: 'failed', ...(paths[0] ? { target: paths[0] } : {}) }];
        }
        return paths.length > 0 ? [{ type: 'agent.file_edit', paths }] : [];
      }
      case 'mcp_tool_call': {
        const name = [str(item.server), str(item.tool)].filter(Boolean).join('.') || 'mcp';
        if (!done) return tools.start({ name, callId: id, input: item.arguments });
        const error = firstStr(obj(item.error), 'message') ?? str(item.error);
        const output = error ?? contentText(obj(item.result)?.content) ?? '';
        return tools.end({ name, callId: id, ok: str(item.status) !== 'failed' && error === undefined, output });
      }
      case 'web_search': {
        const input = { query: str(item.query) ?? '' };
        return done ? tools.end({ name: 'web_search', callId: id, input, ok: true }) : tools.start({ name: 'web_search', callId: id, input });
      }
      case 'error':
        return done ? [errorEvent(str(item.message) ?? 'error')] : [];
      default:
        return [];
    }
  }
}
