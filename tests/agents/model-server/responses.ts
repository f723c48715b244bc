// OpenAI Responses API (Codex): request reading and the SSE stream of output items.
import type { ServerResponse } from 'node:http';
import { chunks, sse, sseHead, textOf, type Loose } from './sse.js';
import type { Parsed, Reply } from './types.js';

function toolNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t: Loose) => (Array.isArray(t?.tools) ? toolNames(t.tools) : [String(t?.name ?? t?.type ?? '')]));
}

export function parseResponses(body: Loose): Parsed {
  const input: Loose[] = Array.isArray(body?.input) ? body.input : typeof body?.input === 'string' ? [{ type: 'message', role: 'user', content: body.input }] : [];
  const tools = toolNames(body?.tools);
  const toolResults: string[] = [];
  const userTexts: string[] = [];
  const assistantTexts: string[] = [];
  for (const item of input) {
    if (item?.type === 'additional_tools' || Array.isArray(item?.tools)) tools.push(...toolNames(item.tools));
    else if (item?.type === 'function_call_output' || item?.type === 'custom_tool_call_output') {
      toolResults.push(typeof item.output === 'string' ? item.output : textOf(item.output?.content ?? item.output) || JSON.stringify(item.output));
    } else if (item?.type === 'message' || item?.role) {
      if (item.role === 'user') userTexts.push(textOf(item.content));
      else if (item.role === 'assistant') assistantTexts.push(textOf(item.content));
    }
  }
  return { model: body?.model, stream: body?.stream !== false, side: tools.length === 0, tools, toolResults, userTexts, assistantTexts };
}

function items(reply: Reply, id: string): Loose[] {
  const out: Loose[] = [];
  if (reply.turn.text) out.push({ id: `msg_${id}`, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: reply.turn.text, annotations: [] }] });
  for (const c of reply.calls) {
    out.push(c.input !== undefined
      ? { id: `ctc_${c.id}`, type: 'custom_tool_call', status: 'completed', call_id: c.id, name: c.name, input: c.input }
      : { id: `fc_${c.id}`, type: 'function_call', status: 'completed', call_id: c.id, name: c.name, arguments: JSON.stringify(c.args ?? {}) });
  }
  return out;
}

export function responsesStream(res: ServerResponse, reply: Reply, id: string): void {
  sseHead(res);
  let seq = 0;
  const emit = (data: Loose) => sse(res, { ...data, sequence_number: seq++ }, data.type);
  const base = { id: `resp_${id}`, object: 'response', created_at: Math.floor(Date.now() / 1000), model: reply.model };
  emit({ type: 'response.created', response: { ...base, status: 'in_progress', output: [] } });
  const out = items(reply, id);
  out.forEach((item, output_index) => {
    if (item.type === 'message') {
      emit({ type: 'response.output_item.added', output_index, item: { ...item, status: 'in_progress', content: [] } });
      for (const delta of chunks(item.content[0].text)) emit({ type: 'response.output_text.delta', item_id: item.id, output_index, content_index: 0, delta });
    } else {
      emit({ type: 'response.output_item.added', output_index, item });
    }
    emit({ type: 'response.output_item.done', output_index, item });
  });
  const usage = {
    input_tokens: reply.usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: reply.usage.output,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: reply.usage.input + reply.usage.output,
  };
  emit({ type: 'response.completed', response: { ...base, status: 'completed', output: out, usage } });
  res.end();
}

export function responsesError(status: number): Loose {
  return { error: { type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: status === 429 ? 'rate_limit_exceeded' : 'server_error', message: `scripted ${status}` } };
}
