// Contracts between the runner's parts: stream adapters (agent lines → trace events) and step plans.
import type { NewTraceEvent } from '../core/trace-schema.js';
import type { StreamFormat } from '../core/config.js';

export type { StreamFormat };

/** What an adapter has learned from the whole stream so far. */
export interface AdapterSummary {
  sessionId?: string;
  model?: string;
  /** The agent's last message: its report. */
  finalMessage?: string;
  /** Totals for the run, summed per the CLI's own scope (never double counted). */
  usage: { inputTokens: number; outputTokens: number; costUsd?: number };
  /** The CLI reported an error result even if it exits 0. */
  isError?: boolean;
}

/**
 * Turns one agent CLI's output stream into trace events. One adapter per agent process.
 * It never throws: unknown or broken lines become `agent.output` (or are skipped), raw kept.
 */
export interface Adapter {
  /** One complete line (without its newline), as it arrived. */
  line(text: string, stream: 'stdout' | 'stderr'): NewTraceEvent[];
  /** The stream ended: flush anything pending. */
  end(): NewTraceEvent[];
  summary(): AdapterSummary;
}

/** One step of a run, fully resolved: what to execute, with which env, read with which adapter. */
export interface StepPlan {
  step: string;
  /** Agent name (preset, config agent, or "command"). */
  agent: string;
  /** argv; argv[0] is the binary (looked up on PATH). A --agent-command is ['/bin/sh', '-c', cmd]. */
  argv: string[];
  /** Extra environment for this step (model / base URL / key variables). May hold secrets. */
  env: Record<string, string>;
  /** Names in `env` whose values are secrets (masked by --print). */
  secretEnv: string[];
  format: StreamFormat;
  /** Whether the packet is fed on stdin. */
  packetOnStdin: boolean;
  model?: string;
  baseUrl?: string;
  /** Session id pre-assigned or resumed. */
  sessionId?: string;
  /** This step continues the previous round's session (by id, or the CLI's own history). */
  resumed?: boolean;
  /** This step's session is the one a request-changes round resumes (the implement step, else the last). */
  keepsSession?: boolean;
  /** A preset agent's permission mode (what it may do without asking). */
  permissions?: string;
  /** Files written before the agent starts (a CLI's own settings, e.g. gemini's auth home). */
  files?: { path: string; content: string }[];
  /** Things the user should know about this step (e.g. a gateway the CLI cannot use). */
  notes?: string[];
}
