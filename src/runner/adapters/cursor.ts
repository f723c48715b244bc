// Cursor CLI (`agent -p --output-format stream-json`) → trace events (system, assistant, tool_call, result lines).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { ToolCalls } from './tool-calls.js';
import { plus, USAGE_RULES, type UsageFigures } from './usage.js';
import { arr, count, firstStr, isObj, num, obj, str, type Obj } from './values.js';

/**
 * - `system/init` → agent.session (session id, model); `user` lines (the prompt) are skipped.
 * - `assistant` text blocks → agent.message (one line per complete message).
 * - `tool_call` `started` / `completed`: the call is `tool_call.<name>ToolCall {args, result}` (shell, read,
 *   write, edit, delete, grep, ls, glob, …) or `tool_call.function {name, arguments}`; shell calls end as
 *   agent.command (exit code, stdout/stderr tail), write/edit/delete as tool result + agent.file_edit.
 * - `result` → the report (`result`), the error flag (`is_error` or a non-success subtype) and, when it
 *   has `usage`, agent.usage scope `run` (a run total: the last wins; Cursor reports no cost).
 */
export function cursorAdapter(): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls();
  let lastText: string | undefined;

  return jsonAdapter({
    object(o) {
      const events: NewTraceEvent[] = [];
      switch (str(o.type)) {
        case 'system':
          events.push(...s.session(o.session_id, o.model));
          break;
        case 'assistant': {
          events.push(...s.session(o.session_id));
          const text = arr(obj(o.message)?.content)
            .map((b) => (str(obj(b)?.type) === 'text' ? (str(obj(b)?.text) ?? '') : ''))
            .join('');
          if (text !== '') {
            lastText = text;
            events.push(textEvent('agent.message', text));
          }
          break;
        }
        case 'tool_call': {
          events.push(...s.session(o.session_id));
          const call = toolCall(obj(o.tool_call));
          if (!call) break;
          const callId = str(o.call_id);
          if (str(o.subtype) === 'started') {
            events.push(...tools.start({ name: call.name, callId, input: call.args }));
            break;
          }
          if (str(o.subtype) !== 'completed') break;
          const result = obj(call.body.result) ?? {};
          const success = obj(result.success);
          const failure = obj(result.failure) ?? obj(result.error) ?? (result.rejected !== undefined ? { message: 'rejected' } : undefined);
          const detail = success ?? failure ?? {};
          const output = [str(detail.stdout), str(detail.stderr)].filter((t) => t !== undefined && t !== '').join('\n');
          const exitCode = num(detail.exitCode);
          const path = str(detail.path);
          events.push(
            ...tools.end({
              name: call.name,
              callId,
              input: call.args,
              ok: success !== undefined && (exitCode === undefined || exitCode === 0),
              output: output || firstStr(detail, 'message', 'error', 'content') || '',
              ...(exitCode !== undefined ? { exitCode } : {}),
              ...(path ? { paths: [path] } : {}),
            }),
          );
          break;
        }
        case 'result': {
          events.push(...s.session(o.session_id));
          const u = obj(o.usage);
          if (u) events.push(s.usage.record(USAGE_RULES.cursor, cursorUsage(u)));
          s.setFinal(str(o.result) ?? lastText);
          const subtype = str(o.subtype) ?? 'success';
          if (o.is_error === true || subtype !== 'success') {
            s.isError = true;
            events.push(errorEvent(str(o.result) || str(o.error) || subtype));
          }
          break;
        }
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

/** `{shellToolCall: {args, result}}` → name "shell"; `{function: {name, arguments}}` → that name. */
function toolCall(tc: Obj | undefined): { name: string; args: unknown; body: Obj } | undefined {
  if (!tc) return undefined;
  const fn = obj(tc.function);
  if (fn && str(fn.name)) {
    let args: unknown = fn.arguments;
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        // keep the string
      }
    }
    return { name: fn.name as string, args, body: fn };
  }
  const key = Object.keys(tc).find((k) => isObj(tc[k]));
  if (!key) return undefined;
  const body = tc[key] as Obj;
  const name = key.endsWith('ToolCall') ? key.slice(0, -'ToolCall'.length) : key;
  return { name, args: body.args, body };
}

function cursorUsage(u: Obj): UsageFigures {
  const read = count(u.cacheReadTokens) ?? count(u.cache_read_input_tokens);
  const input = plus(count(u.inputTokens) ?? count(u.input_tokens), read, count(u.cacheWriteTokens) ?? count(u.cache_creation_input_tokens));
  const output = count(u.outputTokens) ?? count(u.output_tokens);
  return {
    ...(input !== undefined ? { inputTokens: input } : {}),
    ...(output !== undefined ? { outputTokens: output } : {}),
    ...(read !== undefined ? { cachedTokens: read } : {}),
  };
}
