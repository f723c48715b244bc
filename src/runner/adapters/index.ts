// One adapter per stream format (DESIGN §5, AGENT-CLIS.md).
// STUB: only the text adapter exists yet; the adapters issue adds claude, codex, gemini, opencode, cursor, copilot, aider.
import type { Adapter, StreamFormat } from '../types.js';
import { textAdapter } from './text.js';

export function createAdapter(_format: StreamFormat): Adapter {
  return textAdapter();
}
