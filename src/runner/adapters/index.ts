// One adapter per stream format (DESIGN §5, AGENT-CLIS.md): createAdapter picks it.
import type { Adapter, StreamFormat } from '../types.js';
import { aiderAdapter } from './aider.js';
import { claudeAdapter } from './claude.js';
import { codexAdapter } from './codex.js';
import { copilotAdapter } from './copilot.js';
import { cursorAdapter } from './cursor.js';
import { geminiAdapter } from './gemini.js';
import { opencodeAdapter } from './opencode.js';
import type { AdapterOptions } from './resume-usage.js';
import { textAdapter } from './text.js';

export type { AdapterOptions };

const ADAPTERS: Record<StreamFormat, (o: AdapterOptions) => Adapter> = {
  text: textAdapter,
  claude: claudeAdapter,
  codex: codexAdapter,
  gemini: geminiAdapter,
  opencode: opencodeAdapter,
  cursor: cursorAdapter,
  copilot: copilotAdapter,
  aider: aiderAdapter,
};

/** A fresh adapter for one agent process; an unknown format falls back to text (never throws). */
export function createAdapter(format: StreamFormat, opts: AdapterOptions = {}): Adapter {
  return (ADAPTERS[format] ?? textAdapter)(opts);
}
