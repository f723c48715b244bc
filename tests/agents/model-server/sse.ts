// Server-sent events and small text helpers shared by the API modules.
import type { ServerResponse } from 'node:http';

export function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

/** One event: `event:` line when named, then the JSON data. */
export function sse(res: ServerResponse, data: unknown, event?: string): void {
  res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Text of a content value that may be a string or a list of parts with `text`. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : typeof p?.text === 'string' ? p.text : textOf(p?.content))).join('');
  if (content && typeof content === 'object' && 'text' in content && typeof content.text === 'string') return content.text;
  return '';
}

/** Split text into a few chunks, as a streaming model would. */
export function chunks(text: string, n = 3): string[] {
  if (text.length < 8) return [text];
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

// The request bodies are JSON from foreign CLIs: read them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
