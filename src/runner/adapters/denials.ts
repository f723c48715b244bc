// Tool calls a CLI or a sandbox refused → `agent.denied` events: Claude's `permission_denials`, and shell
// commands whose failure output carries a sandbox's refusal (a read-only file system, EPERM).
import type { NewTraceEvent } from '../../core/trace-schema.js';
import { commandOf, toolTarget } from './tools.js';
import { bounded, shortLabel } from './values.js';

/**
 * Failure wording that means a sandbox refused, in any CLI's shell output: a write to a read-only mount
 * (bwrap, codex's sandbox) or an operation the kernel filter forbade (seccomp, landlock).
 */
export const SANDBOX_MARKERS: readonly string[] = ['read-only file system', 'operation not permitted'];

/**
 * Codex's own list (codex-rs `is_likely_sandbox_denied`) for commands it ran in its sandbox, without its bare
 * "sandbox" (any failed command mentioning the word matched it). Codex gives the model no other signal.
 */
export const CODEX_SANDBOX_MARKERS: readonly string[] = [...SANDBOX_MARKERS, 'permission denied', 'failed to write file', 'landlock', 'seccomp'];

/** The longest reason kept (characters). */
const REASON_MAX = 300;

/** The first output line carrying a refusal marker, or undefined when the command's failure is its own. */
export function sandboxRefusal(output: string | undefined, markers: readonly string[] = SANDBOX_MARKERS): string | undefined {
  if (!output || markers.length === 0) return undefined;
  const text = output.length > 64 * 1024 ? output.slice(-64 * 1024) : output;
  for (const line of text.split('\n')) {
    const lower = line.toLowerCase();
    if (markers.some((m) => lower.includes(m))) return shortLabel(line, REASON_MAX);
  }
  return undefined;
}

export interface Denial {
  tool: string;
  callId?: string | undefined;
  input?: unknown;
  reason: string;
}

/** One `agent.denied` event: input bounded, a one-row target, the reason on one line. */
export function deniedEvent(d: Denial): NewTraceEvent {
  const target = commandOf(d.input) ?? toolTarget(d.input);
  return {
    type: 'agent.denied',
    tool: d.tool,
    reason: shortLabel(d.reason, REASON_MAX) || 'denied',
    ...(d.callId !== undefined ? { callId: d.callId } : {}),
    ...(d.input !== undefined ? { input: bounded(d.input) } : {}),
    ...(target !== undefined && target !== '' ? { target: shortLabel(target) } : {}),
  };
}
