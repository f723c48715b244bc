// opencode `run --format json` → trace events (step_start, text, reasoning, tool_use, step_finish, error lines).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { ToolCalls } from './tool-calls.js';
import { plus, USAGE_RULES } from './usage.js';
import { count, firstStr, num, obj, str } from './values.js';

/**
 * Every line carries `sessionID` (→ agent.session once) and a `part`:
 * - `text` → agent.message; the report is the text of the last assistant message that had text
 *   (its parts concatenated, by `messageID`);
 * - `reasoning` → agent.reasoning;
 * - `tool_use` arrives once the tool is done (input and output together): shell → agent.command with the
 *   exit code from `state.metadata.exit`; edits → tool result + agent.file_edit; others → tool result;
 * - `step_finish` → agent.usage scope `step` with its tokens and cost: steps add up;
 *   input tokens count cache reads and writes too (`cachedTokens` = cache reads);
 * - `error` → agent.error and the error flag. `step_start` and unknown types are skipped.
 */
export function opencodeAdapter(): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls();
  let reportMessage: string | undefined;
  let report = '';

  return jsonAdapter({
    object(o) {
      const events: NewTraceEvent[] = [...s.session(o.sessionID ?? obj(o.part)?.sessionID)];
      const part = obj(o.part) ?? {};
      switch (str(o.type)) {
        case 'text': {
          const text = str(part.text);
          if (text === undefined || text === '') break;
          const messageId = str(part.messageID) ?? '';
          if (messageId !== reportMessage) {
            reportMessage = messageId;
            report = '';
          }
          if (report.length < 1024 * 1024) report += (report === '' ? '' : '\n') + text;
          events.push(textEvent('agent.message', text));
          break;
        }
        case 'reasoning': {
          const text = str(part.text);
          if (text) events.push(textEvent('agent.reasoning', text));
          break;
        }
        case 'tool_use': {
          const state = obj(part.state) ?? {};
          const status = str(state.status);
          if (status !== 'completed' && status !== 'error') break;
          const meta = obj(state.metadata) ?? {};
          const ok = status === 'completed';
          const output = ok ? (str(state.output) ?? str(meta.output)) : (str(state.error) ?? str(state.output));
          const exit = num(meta.exit) ?? num(meta.exitCode);
          events.push(
            ...tools.end({ name: str(part.tool) ?? 'tool', callId: str(part.callID), input: state.input, ok, output: output ?? '', ...(exit !== undefined ? { exitCode: exit } : {}) }),
          );
          break;
        }
        case 'step_finish': {
          const tokens = obj(part.tokens);
          const cache = obj(tokens?.cache);
          const read = count(cache?.read);
          const input = plus(count(tokens?.input), read, count(cache?.write));
          const output = count(tokens?.output);
          const cost = count(part.cost);
          if (tokens || cost !== undefined) {
            events.push(
              s.usage.record(USAGE_RULES.opencode, {
                ...(input !== undefined ? { inputTokens: input } : {}),
                ...(output !== undefined ? { outputTokens: output } : {}),
                ...(read !== undefined ? { cachedTokens: read } : {}),
                ...(cost !== undefined ? { costUsd: cost } : {}),
              }),
            );
          }
          break;
        }
        case 'error': {
          s.isError = true;
          const error = obj(o.error);
          events.push(errorEvent(firstStr(obj(error?.data), 'message') ?? firstStr(error, 'message', 'name') ?? str(o.error) ?? 'error'));
          break;
        }
      }
      return events;
    },
    summary() {
      if (report.trim() !== '') s.setFinal(report);
      return s.summary();
    },
  });
}
