// Gemini CLI `-o stream-json` → trace events (init, message, tool_use, tool_result, error, result lines).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter } from '../types.js';
import { errorEvent, jsonAdapter, StreamState, textEvent } from './common.js';
import { ToolCalls } from './tool-calls.js';
import { USAGE_RULES } from './usage.js';
import { count, firstStr, obj, RAW_MAX, str, type Obj } from './values.js';
import { exitCodeIn, toolKind } from './tools.js';

/**
 * - `init` → agent.session (its model only when it is a real one: `auto` is the router, not a model).
 * - assistant `message` lines with `delta: true` are chunks: consecutive chunks become one agent.message
 *   (emitted when something else arrives, at end, or when it grows past RAW_MAX), stamped with the first
 *   chunk's time and the chunks' raw lines; a message without `delta` is a message on its own.
 * - `tool_use` → tool start; `tool_result` → command / tool result / file edit. A shell result has no exit
 *   code (a failed command says `status: "success"`): recorded as unknown (null) unless its output states one.
 * - `error` → agent.error; `result` → agent.usage scope `run` (run totals: the last wins; no cost), the model
 *   that did the work (`stats.models`, the one with the most tokens: agent.session again), and the error
 *   flag when its status is `error`.
 * The report is the assistant text of the last turn: everything the assistant said after the last
 * tool call or user message, concatenated.
 */
export function geminiAdapter(): Adapter {
  const s = new StreamState();
  const tools = new ToolCalls();
  let pending: { text: string; ts: string; raw: string } | undefined;
  let turnText = '';
  let turnOpen = false;

  const flush = (): NewTraceEvent[] => {
    if (!pending) return [];
    const raw = pending.raw;
    const event = { ...textEvent('agent.message', pending.text), ts: pending.ts, raw: raw.slice(0, RAW_MAX) };
    pending = undefined;
    return [raw.length > RAW_MAX ? { ...event, truncated: true } : event];
  };
  const closeTurn = () => {
    turnOpen = false;
  };
  const say = (text: string) => {
    if (!turnOpen) turnText = '';
    turnOpen = true;
    if (turnText.length < 1024 * 1024) turnText += text;
  };

  return jsonAdapter({
    object(o, at, line) {
      const type = str(o.type);
      if (type === 'message') {
        const text = str(o.content);
        if (str(o.role) !== 'assistant') {
          closeTurn();
          return flush();
        }
        if (text === undefined) return [];
        say(text);
        if (o.delta !== true) return [...flush(), textEvent('agent.message', text)];
        // Chunks pile up until something else arrives; raw keeps the chunks' lines (cut past RAW_MAX).
        pending ??= { text: '', ts: at, raw: '' };
        pending.text += text;
        if (pending.raw.length <= RAW_MAX) pending.raw += (pending.raw === '' ? '' : '\n') + line.slice(0, RAW_MAX + 1);
        return pending.text.length >= RAW_MAX ? flush() : [];
      }
      const out = flush();
      switch (type) {
        case 'init':
          out.push(...s.session(o.session_id, /^auto(?:-|$)/.test(str(o.model) ?? '') ? undefined : o.model));
          break;
        case 'tool_use': {
          closeTurn();
          const name = str(o.tool_name) ?? 'tool';
          out.push(...tools.start({ name, callId: str(o.tool_id), input: o.parameters }));
          break;
        }
        case 'tool_result': {
          closeTurn();
          const ok = str(o.status) !== 'error';
          const output = ok ? str(o.output) : (firstStr(obj(o.error), 'message') ?? str(o.output));
          const callId = str(o.tool_id);
          const shell = toolKind(tools.nameOf(callId) ?? '') === 'shell';
          out.push(...tools.end({ callId, ok, output: output ?? '', ...(shell ? { exitCode: exitCodeIn(output) ?? null } : {}) }));
          break;
        }
        case 'error':
          out.push(errorEvent(str(o.message) ?? firstStr(obj(o.error), 'message') ?? 'error'));
          break;
        case 'result': {
          const stats = obj(o.stats);
          out.push(...s.modelLearned(mainModel(obj(stats?.models))));
          if (stats) {
            const input = count(stats.input_tokens) ?? count(stats.input);
            const output = count(stats.output_tokens);
            const cached = count(stats.cached);
            out.push(
              s.usage.record(USAGE_RULES.gemini, {
                ...(input !== undefined ? { inputTokens: input } : {}),
                ...(output !== undefined ? { outputTokens: output } : {}),
                ...(cached !== undefined ? { cachedTokens: cached } : {}),
              }),
            );
          }
          if (str(o.status) === 'error') {
            s.isError = true;
            out.push(errorEvent(firstStr(obj(o.error), 'message') ?? str(o.error) ?? 'error result'));
          }
          break;
        }
      }
      return out;
    },
    end: flush,
    summary() {
      if (turnText.trim() !== '') s.setFinal(turnText);
      return s.summary();
    },
  });
}

/** The model with the most tokens in `stats.models` (name → stats); undefined when there is none. */
function mainModel(models: Obj | undefined): string | undefined {
  let best: string | undefined;
  let most = -1;
  for (const [name, stats] of Object.entries(models ?? {}).slice(0, 50)) {
    const tokens = count(obj(stats)?.total_tokens) ?? 0;
    if (name !== '' && tokens > most) [best, most] = [name, tokens];
  }
  return best;
}
