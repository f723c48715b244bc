// Tool calls → trace events, the same way for every CLI: a start row, then a command, tool result or file edit.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import { deniedEvent, SANDBOX_MARKERS, sandboxRefusal } from './denials.js';
import { commandOf, editedPaths, exitCodeIn, toolKind, toolTarget } from './tools.js';
import { bounded, tail } from './values.js';

export interface ToolStart {
  name: string;
  callId?: string | undefined;
  input?: unknown;
}

export interface ToolEnd {
  callId?: string | undefined;
  /** Known from the start event when omitted. */
  name?: string | undefined;
  input?: unknown;
  ok: boolean;
  output?: string | undefined;
  exitCode?: number | null | undefined;
  /** Files the tool changed, when the CLI says so (else read from the input). */
  paths?: string[] | undefined;
}

const MAX_OPEN = 1000;

/**
 * Pairs tool starts with their ends by call id.
 * - start → `agent.tool` {status: 'started', target};
 * - end of a shell tool → `agent.command` {cmd, exitCode, output tail, status}, plus `agent.denied` when it
 *   failed with a sandbox's refusal in its output (`sandboxMarkers`, see denials.ts);
 * - end of another tool → `agent.tool` {status: 'completed' | 'failed', result tail}, plus
 *   `agent.file_edit` {paths} when an edit tool succeeded.
 */
export class ToolCalls {
  private open = new Map<string, { name: string; input: unknown }>();

  constructor(private readonly opts: { sandboxMarkers?: readonly string[] } = {}) {}

  /** The name of an open call, by id. */
  nameOf(callId: string | undefined): string | undefined {
    return callId !== undefined ? this.open.get(callId)?.name : undefined;
  }

  start(s: ToolStart): NewTraceEvent[] {
    if (s.callId !== undefined) {
      if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
      this.open.set(s.callId, { name: s.name, input: s.input });
    }
    const target = toolTarget(s.input);
    return [
      {
        type: 'agent.tool',
        name: s.name,
        status: 'started',
        ...(s.input !== undefined ? { input: bounded(s.input) } : {}),
        ...(s.callId !== undefined ? { callId: s.callId } : {}),
        ...(target !== undefined ? { target } : {}),
      },
    ];
  }

  end(e: ToolEnd): NewTraceEvent[] {
    const known = e.callId !== undefined ? this.open.get(e.callId) : undefined;
    if (e.callId !== undefined) this.open.delete(e.callId);
    const name = e.name ?? known?.name ?? 'tool';
    const input = e.input ?? known?.input;
    const status = e.ok ? 'completed' : 'failed';
    const callId = e.callId !== undefined ? { callId: e.callId } : {};
    if (toolKind(name) === 'shell') {
      const exitCode = e.exitCode !== undefined ? e.exitCode : (exitCodeIn(e.output) ?? (e.ok ? 0 : null));
      // A shell tool can "succeed" at running a command that failed: the exit code decides.
      const failed = !e.ok || (exitCode !== null && exitCode !== 0);
      const refusal = failed ? sandboxRefusal(e.output, this.opts.sandboxMarkers ?? SANDBOX_MARKERS) : undefined;
      const denied = refusal !== undefined ? [deniedEvent({ tool: name, callId: e.callId, input, reason: `sandbox: ${refusal}` })] : [];
      return [
        {
          type: 'agent.command',
          cmd: commandOf(input) ?? name,
          exitCode,
          status: failed ? 'failed' : 'completed',
          ...(e.output !== undefined ? { output: tail(e.output) } : {}),
          ...callId,
        },
        ...denied,
      ];
    }
    const target = toolTarget(input);
    const events: NewTraceEvent[] = [
      {
        type: 'agent.tool',
        name,
        status,
        ...(e.output !== undefined ? { result: tail(e.output) } : {}),
        ...(target !== undefined ? { target } : {}),
        ...callId,
      },
    ];
    if (e.ok && toolKind(name) === 'edit') {
      const paths = e.paths && e.paths.length > 0 ? e.paths : editedPaths(input);
      if (paths.length > 0) events.push({ type: 'agent.file_edit', paths: paths.slice(0, 1000) });
    }
    return events;
  }
}
