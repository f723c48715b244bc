// Copilot CLI `-p … --output-format json` → trace events (session events `{type, data, id, timestamp}`).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { ToolCalls } from './tool-calls.js';
import { USAGE_RULES } from './usage.js';
import { contentText, count, firstStr, num, obj, str } from './values.js';

/**
 * - `session.start` → agent.session (`data.sessionId`, `data.selectedModel`); `session.model_change` → model.
 * - `assistant.message` with content → agent.message (the last one is the report); `assistant.reasoning`
 *   → agent.reasoning. Deltas, turn markers, user messages and other ephemeral events are skipped.
 * - `tool.execution_start` → tool start; `tool.execution_complete` → command / tool result / file edit
 *   (a shell's exit code is read from its output, `<exited with exit code N>`).
 * - `assistant.usage` → agent.usage scope `call`: every model call adds. Copilot's `cost` there is a
 *   premium-request multiplier, not dollars: kept in the event as `premiumCost`, never summed as costUsd.
 * - `session.error` → agent.error and the error flag; `result` → session id, and the error flag when
 *   its `exitCode` is not 0.
 */
export function copilotAdapter(): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls();

  return jsonAdapter({
    object(o) {
      const data = obj(o.data) ?? {};
      switch (str(o.type)) {
        case 'session.start':
        case 'session.resume':
          return s.session(data.sessionId ?? o.sessionId, data.selectedModel ?? data.model);
        case 'session.model_change':
          s.session(undefined, data.newModel ?? data.model);
          return [];
        case 'assistant.message': {
          const text = str(data.content);
          if (!text) return [];
          s.setFinal(text);
          return [textEvent('agent.message', text)];
        }
        case 'assistant.reasoning': {
          const text = str(data.content);
          return text ? [textEvent('agent.reasoning', text)] : [];
        }
        case 'tool.execution_start':
          return tools.start({ name: str(data.toolName) ?? 'tool', callId: str(data.toolCallId), input: data.arguments });
        case 'tool.execution_complete': {
          const ok = data.success !== false;
          const output = ok
            ? (contentText(obj(data.result)?.content) ?? contentText(data.result))
            : (firstStr(obj(data.error), 'message') ?? str(data.error) ?? contentText(obj(data.result)?.content));
          return tools.end({ callId: str(data.toolCallId), ok, output: output ?? '', ...(str(data.toolName) ? { name: data.toolName as string } : {}) });
        }
        case 'assistant.usage': {
          s.session(undefined, data.model);
          const read = count(data.cacheReadTokens);
          const input = count(data.inputTokens);
          const output = count(data.outputTokens);
          const premium = count(data.cost);
          const event = s.usage.record(USAGE_RULES.copilot, {
            ...(input !== undefined ? { inputTokens: input } : {}),
            ...(output !== undefined ? { outputTokens: output } : {}),
            ...(read !== undefined ? { cachedTokens: read } : {}),
          });
          return [premium !== undefined ? { ...event, premiumCost: premium } : event];
        }
        case 'session.error':
          s.isError = true;
          return [errorEvent(str(data.message) ?? firstStr(obj(data.error), 'message') ?? 'session error')];
        case 'result': {
          const events = s.session(o.sessionId ?? data.sessionId);
          const code = num(o.exitCode) ?? num(data.exitCode);
          if (code !== undefined && code !== 0) {
            s.isError = true;
            events.push(errorEvent(`copilot reported exit code ${code}`));
          }
          return events;
        }
        default:
          return [];
      }
    },
    summary: () => s.summary(),
  });
}
