// Aider (`--no-pretty --no-stream`) plain-text stdout → trace events: edits, usage, errors, everything else as output.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter, AdapterSummary } from '../types.js';
import { errorEvent, outputEvent } from './common.js';
import { USAGE_RULES, UsageMeter } from './usage.js';

const REPORT_LINES = 400;
/** Aider's own status lines: not part of the model's reply. */
const NOISE = /^(?:Aider v\d|Main model:|Weak model:|Editor model:|Model:|Git repo:|Repo-map:|Commit [0-9a-f]{7,}\b|Added .+ to the chat|Use \/help|Cur working dir:|Git working dir:|https:\/\/aider\.chat)/;
const APPLIED = /^Applied edit to (.+?)\s*$/;
const TOKENS = /^Tokens: (.+?)\.(?:\s+Cost: \$([\d.,]+) message, \$([\d.,]+) session\.)?\s*$/;
const ERROR = /^(?:litellm\.[A-Za-z]*Error|[A-Za-z]*(?:API|Authentication|RateLimit|Connection)Error)\b/;

/**
 * - `Applied edit to PATH` → agent.file_edit.
 * - `Tokens: 2.3k sent, 1.1k cache hit, 156 received. Cost: $0.0079 message, $0.02 session.` →
 *   agent.usage scope `call` (each message adds its tokens and its message cost; `sent` is the input and
 *   already counts cache hits); the summary's cost is
 *   the last session figure Aider printed, which is its own running total.
 * - LiteLLM / API error lines → agent.error and the error flag (Aider exits 0 even when the model failed).
 * - everything else → agent.output. The report is the model's last reply: the stdout lines (Aider's own
 *   status lines left out) before the last `Tokens:` line, or since it when no reply followed yet.
 * Aider has no session id (it resumes with --restore-chat-history).
 */
export function aiderAdapter(): Adapter {
  const usage = new UsageMeter();
  let sessionCost: number | undefined;
  let isError = false;
  let reply: string[] = [];
  let lastReply: string[] = [];

  const read = (text: string, stream: 'stdout' | 'stderr'): NewTraceEvent[] => {
    const line = text.length > 4096 ? '' : text.trim();
    const applied = APPLIED.exec(line);
    if (applied) return [{ type: 'agent.file_edit', paths: [applied[1]!], raw: text }];
    const tokens = TOKENS.exec(line);
    if (tokens) {
      const t = tokenCounts(tokens[1]!);
      const message = money(tokens[2]);
      const session = money(tokens[3]);
      if (session !== undefined) sessionCost = session;
      if (reply.join('').trim() !== '') lastReply = reply;
      reply = [];
      return [{ ...usage.record(USAGE_RULES.aider, { ...t, ...(message !== undefined ? { costUsd: message } : {}) }), raw: text }];
    }
    if (ERROR.test(line)) {
      isError = true;
      return [{ ...errorEvent(line), raw: text }];
    }
    if (stream === 'stdout' && !NOISE.test(line)) {
      reply.push(text.length > 4096 ? text.slice(0, 4096) : text);
      if (reply.length > REPORT_LINES) reply.shift();
    }
    return [outputEvent(text, stream)];
  };

  return {
    line(text, stream) {
      const ts = new Date().toISOString();
      try {
        return read(text, stream).map((e) => ({ ...e, ts }));
      } catch {
        return [];
      }
    },
    end: () => [],
    summary(): AdapterSummary {
      const totals = usage.totals();
      const current = reply.join('\n').trim();
      const finalMessage = current !== '' ? current : lastReply.join('\n').trim();
      return {
        usage: sessionCost !== undefined ? { ...totals, costUsd: sessionCost } : totals,
        ...(finalMessage ? { finalMessage } : {}),
        ...(isError ? { isError: true } : {}),
      };
    },
  };
}

/** "2.3k sent, 1.1k cache write, 900 cache hit, 1,234 received" → input (`sent`, which already counts the cache), cached, output. */
function tokenCounts(text: string): { inputTokens?: number; outputTokens?: number; cachedTokens?: number } {
  const out: { inputTokens?: number; outputTokens?: number; cachedTokens?: number } = {};
  const re = /(\d[\d,]*(?:\.\d+)?)\s*([kKmM]?)\s+(sent|received|cache hit|cache write)\b/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const unit = m[2]!.toLowerCase();
    const n = Math.round(Number(m[1]!.replaceAll(',', '')) * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
    if (!Number.isFinite(n)) continue;
    if (m[3] === 'received') out.outputTokens = n;
    else if (m[3] === 'sent') out.inputTokens = n;
    else if (m[3] === 'cache hit') out.cachedTokens = n;
  }
  return out;
}

function money(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replaceAll(',', ''));
  return Number.isFinite(n) ? n : undefined;
}
