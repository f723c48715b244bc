// Gemini API (Gemini CLI): request reading, `streamGenerateContent?alt=sse` chunks and `generateContent` JSON.
import type { ServerResponse } from 'node:http';
import { chunks, sse, sseHead, type Loose } from './sse.js';
import type { Parsed, Reply } from './types.js';

/** Model name from a path like /v1beta/models/gemini-2.5-pro:streamGenerateContent. */
export function geminiModel(path: string): string | undefined {
  return /\/models\/([^/:?]+):/.exec(path)?.[1];
}

export function parseGemini(body: Loose, path: string): Parsed {
  const tools: string[] = [];
  for (const t of Array.isArray(body?.tools) ? body.tools : []) {
    for (const f of Array.isArray(t?.functionDeclarations) ? t.functionDeclarations : []) tools.push(String(f?.name ?? ''));
  }
  const toolResults: string[] = [];
  const userTexts: string[] = [];
  const assistantTexts: string[] = [];
  for (const c of Array.isArray(body?.contents) ? body.contents : []) {
    for (const p of Array.isArray(c?.parts) ? c.parts : []) {
      if (p?.functionResponse) toolResults.push(JSON.stringify(p.functionResponse.response ?? {}));
      else if (typeof p?.text === 'string') (c.role === 'model' ? assistantTexts : userTexts).push(p.text);
    }
  }
  const stream = path.includes(':streamGenerateContent');
  return { model: geminiModel(path), stream, side: !stream || tools.length === 0, tools, toolResults, userTexts, assistantTexts };
}

function parts(reply: Reply): Loose[] {
  const out: Loose[] = [];
  if (reply.turn.text) out.push({ text: reply.turn.text });
  for (const c of reply.calls) out.push({ functionCall: { id: c.id, name: c.name, args: c.args ?? {} } });
  return out;
}

const usage = (reply: Reply) => ({ promptTokenCount: reply.usage.input, candidatesTokenCount: reply.usage.output, totalTokenCount: reply.usage.input + reply.usage.output });

export function geminiJson(reply: Reply): Loose {
  return { candidates: [{ content: { role: 'model', parts: parts(reply) }, finishReason: 'STOP', index: 0 }], usageMetadata: usage(reply), modelVersion: reply.model };
}

export function geminiStream(res: ServerResponse, reply: Reply): void {
  sseHead(res);
  const list = parts(reply);
  const pieces: Loose[] = [];
  for (const p of list) {
    if (p.text !== undefined) for (const t of chunks(p.text)) pieces.push({ text: t });
    else pieces.push(p);
  }
  if (pieces.length === 0) pieces.push({ text: '' });
  pieces.forEach((p, i) => {
    const last = i === pieces.length - 1;
    sse(res, {
      candidates: [{ content: { role: 'model', parts: [p] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      ...(last ? { usageMetadata: usage(reply) } : {}),
      modelVersion: reply.model,
    });
  });
  res.end();
}

/** A JSON-mode side request (router, next-speaker check): one object that satisfies each of them. */
export const GEMINI_JSON_SIDE = JSON.stringify({
  reasoning: 'scripted',
  model_choice: 'flash',
  next_speaker: 'user',
  complexity_reasoning: 'scripted',
  complexity_score: 1,
});

export function geminiError(status: number): Loose {
  return { error: { code: status, message: `scripted ${status}`, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
}
