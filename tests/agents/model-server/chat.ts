// OpenAI Chat Completions API (opencode, aider): request reading, SSE chunks with a usage chunk, JSON answers.
import type { ServerResponse } from 'node:http';
import { chunks, sse, sseHead, textOf, type Loose } from './sse.js';
import type { Parsed, Reply } from './types.js';

export function parseChat(body: Loose): Parsed {
  const tools: string[] = Array.isArray(body?.tools) ? body.tools.map((t: Loose) => String(t?.function?.name ?? t?.name ?? '')) : [];
  const toolResults: string[] = [];
  const userTexts: string[] = [];
  const assistantTexts: string[] = [];
  for (const m of Array.isArray(body?.messages) ? body.messages : []) {
    if (m?.role === 'tool') toolResults.push(textOf(m.content));
    else if (m?.role === 'user') userTexts.push(textOf(m.content));
    else if (m?.role === 'assistant' && m.content) assistantTexts.push(textOf(m.content));
  }
  return { model: body?.model, stream: body?.stream === true, side: tools.length === 0, tools, toolResults, userTexts, assistantTexts };
}

const finish = (reply: Reply) => (reply.calls.length > 0 ? 'tool_calls' : 'stop');
const usage = (reply: Reply) => ({ prompt_tokens: reply.usage.input, completion_tokens: reply.usage.output, total_tokens: reply.usage.input + reply.usage.output });
const toolCalls = (reply: Reply) => reply.calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args ?? {}) } }));

export function chatJson(reply: Reply, id: string): Loose {
  const message = { role: 'assistant', content: reply.turn.text ?? null, ...(reply.calls.length > 0 ? { tool_calls: toolCalls(reply) } : {}) };
  return { id: `chatcmpl-${id}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: reply.model, choices: [{ index: 0, message, finish_reason: finish(reply) }], usage: usage(reply) };
}

export function chatStream(res: ServerResponse, reply: Reply, id: string): void {
  sseHead(res);
  const base = { id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: reply.model };
  const chunk = (delta: Loose, finish_reason: string | null = null) => sse(res, { ...base, choices: [{ index: 0, delta, finish_reason }] });
  chunk({ role: 'assistant', content: '' });
  if (reply.turn.text) for (const t of chunks(reply.turn.text)) chunk({ content: t });
  reply.calls.forEach((c, index) => {
    chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
    chunk({ tool_calls: [{ index, function: { arguments: JSON.stringify(c.args ?? {}) } }] });
  });
  chunk({}, finish(reply));
  sse(res, { ...base, choices: [], usage: usage(reply) });
  sse(res, '[DONE]');
  res.end();
}

export function chatError(status: number): Loose {
  return { error: { type: status === 429 ? 'rate_limit_exceeded' : 'server_error', message: `scripted ${status}`, code: String(status) } };
}
