// The agent options shared by `new` and `run`: --agent NAME, --agent-command CMD, --format F.
import { Option, type Command } from 'commander';
import { STREAM_FORMATS } from '../core/stream-formats.js';
import { UsageError } from '../core/errors.js';
import type { AgentChoice } from '../core/task.js';

export interface AgentOptions {
  agent?: string;
  agentCommand?: string;
  format?: string;
}

export function withAgentOptions(cmd: Command): Command {
  return cmd
    .option('--agent <name>', 'the agent to run: a preset or a config agent')
    .option('--agent-command <cmd>', 'run this shell command as the agent (the packet arrives on its stdin)')
    .addOption(new Option('--format <format>', "how to read the agent's output stream").choices(STREAM_FORMATS));
}

/** The agent the options choose, or undefined when they choose none. */
export function agentChoice(o: AgentOptions): AgentChoice | undefined {
  if (o.agent !== undefined && o.agentCommand !== undefined) throw new UsageError('give --agent or --agent-command, not both');
  if (o.agentCommand !== undefined) {
    if (o.agentCommand.trim() === '') throw new UsageError('--agent-command is empty');
    return { name: 'command', command: o.agentCommand, ...(o.format ? { format: o.format } : {}) };
  }
  if (o.agent !== undefined) return { name: o.agent, ...(o.format ? { format: o.format } : {}) };
  if (o.format !== undefined) throw new UsageError('--format needs --agent or --agent-command');
  return undefined;
}
