// The agents a user can pick: built-in presets and config agents, each with whether its binary is on PATH.
// STUB: presets come with the adapters issue; until then only config agents and the command agent.
import type { Config } from '../core/config.js';
import { which } from './which.js';

export interface AgentInfo {
  name: string;
  kind: 'preset' | 'config' | 'command';
  /** The binary it runs (argv[0]). */
  binary?: string;
  /** Absolute path when found on PATH. */
  found?: string;
  description: string;
}

export function availableAgents(config: Config): AgentInfo[] {
  const out: AgentInfo[] = [];
  for (const [name, def] of Object.entries(config.agents)) {
    const binary = typeof def === 'string' ? def : def.command?.[0];
    const found = binary ? which(binary) ?? undefined : undefined;
    out.push({ name, kind: 'config', ...(binary ? { binary } : {}), ...(found ? { found } : {}), description: 'from .wtagents/config.json' });
  }
  out.push({ name: 'command', kind: 'command', description: 'any shell command (--agent-command)' });
  return out;
}
