// The names of the agent output formats (plain data, no zod): the CLI's --format choices need them at start-up,
// before any config is read. src/core/config.ts re-exports them.
export const STREAM_FORMATS = ['text', 'claude', 'codex', 'gemini', 'opencode', 'cursor', 'copilot', 'aider'] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];
