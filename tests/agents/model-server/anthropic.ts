// Anthropic Messages API (Claude Code): request reading, SSE stream and JSON answers.
import type { ServerResponse } from 'node:http';
import { chunks, sse, sseHead, textOf, type Loose } from './sse.js';
import type { Parsed, Reply } from './types.js';

export function parseAnthropic(body: Loose): Parsed {
  const tools: string[] = Array.isArray(body?.tools) ? body.tools.map((t: Loose) => String(t?.name ?? '')) : [];
  const toolResults: string[] = [];
  const userTexts: string[] = [];
  const assistantTexts: string[] = [];
  for (const m of Array.isArray(body?.messages) ? body.messages : []) {
    const parts = typeof m?.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m?.content) ? m.content : [];
    for (const p of parts) {
      if (p?.type === 'tool_result') toolResults.push(textOf(p.content));
      else if (p?.type === 'text') (m.role === 'assistant' ? assistantTexts : userTexts).push(String(p.text ?? ''));
    }
  }
  return { model: body?.model, stream: body?.stream === true, side: tools.length === 0, tools, toolResults, userTexts, assistantTexts };
}

function blocks(reply: Reply): Loose[] {
  const out: Loose[] = [];
  if (reply.turn.text) out.push({ type: 'text', text: reply.turn.text });
  for (const c of reply.calls) out.push({ type: 'tool_use', id: c.id, name: c.name, input: c.args ?? {} });
  return out;
}

const stopReason = (reply: Reply) => (reply.calls.length > 0 ? 'tool_use' : 'end_turn');
const usage = (reply: Reply) => ({ input_tokens: reply.usage.input, output_tokens: reply.usage.output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });

export function anthropicJson(reply: Reply, id: string): Loose {
  return { id, type: 'message', role: 'assistant', model: reply.model, content: blocks(reply), stop_reason: stopReason(reply), stop_sequence: null, usage: usage(reply) };
}

export function anthropicStream(res: ServerResponse, reply: Reply, id: string): void {
  sseHead(res);
  const u = usage(reply);
  sse(res, { type: 'message_start', message: { id, type: 'message', role: 'assistant', model: reply.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...u, output_tokens: 1 } } }, 'message_start');
  blocks(reply).forEach((b, index) => {
    if (b.type === 'text') {
      sse(res, { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, 'content_block_start');
      for (const t of chunks(b.text)) sse(res, { type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } }, 'content_block_delta');
    } else {
      sse(res, { type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } }, 'content_block_start');
      for (const t of chunks(JSON.stringify(b.input))) sse(res, { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: t } }, 'content_block_delta');
    }
    sse(res, { type: 'content_block_stop', index }, 'content_block_stop');
  });
  sse(res, { type: 'message_delta', delta: { stop_reason: stopReason(reply), stop_sequence: null }, usage: { output_tokens: u.output_tokens } }, 'message_delta');
  sse(res, { type: 'message_stop' }, 'message_stop');
  res.end();
}

export function anthropicError(status: number): Loose {
  const type = status === 429 ? 'rate_limit_error' : 'api_error';
  return { type: 'error', error: { type, message: `scripted ${status}` } };
}
