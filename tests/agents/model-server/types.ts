// Shared shapes of the scripted model server: what one API module reads from a request and how it answers.
import type { ToolCall, Turn } from './script.js';

export type ApiName = 'anthropic' | 'responses' | 'chat' | 'gemini';

export type AuthKind = 'x-api-key' | 'bearer' | 'x-goog-api-key' | 'none';

/** One logged request (for assertions). */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  api: ApiName | 'other';
  model?: string;
  auth: { kind: AuthKind; key?: string };
  stream: boolean;
  /** A tool-less request (title, topic check, model router) answered with plain text; it does not advance the script. */
  side: boolean;
  /** Names of the tools the request offers. */
  tools: string[];
  /** Every tool result in the request's conversation, oldest first. */
  toolResults: string[];
  /** Every user text in the conversation (packet, feedback), oldest first. */
  userTexts: string[];
  /** Every assistant text in the conversation (earlier turns), oldest first. */
  assistantTexts: string[];
  /** The working directory the CLI told the model about, when found in the prompt. */
  cwd?: string;
  /** Which script turn answered it, and how (`turn`, `side`, `fail:429`, `hang`, `404`, …). */
  turnIndex?: number;
  reply: string;
}

/** What an API module reads from a request body. */
export interface Parsed {
  model?: string;
  stream: boolean;
  side: boolean;
  tools: string[];
  toolResults: string[];
  userTexts: string[];
  assistantTexts: string[];
}

/** A tool call made concrete for one CLI: its tool name and JSON arguments (or raw input for custom tools). */
export interface ConcreteCall {
  id: string;
  name: string;
  args?: Record<string, unknown>;
  /** Custom (freeform) tool input, OpenAI Responses only. */
  input?: string;
}

export interface Reply {
  turn: Turn;
  calls: ConcreteCall[];
  model: string;
  usage: { input: number; output: number };
}

export type { ToolCall, Turn };
