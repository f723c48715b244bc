// The agents a user can pick: built-in presets, config agents and the command agent, each with whether its binary is on PATH.
import type { Config, StreamFormat } from '../core/config.js';
import { COMMAND_AGENT, resolveAgent } from './agent-resolve.js';
import { PRESETS } from './presets.js';
import { which } from './which.js';

export interface AgentInfo {
  name: string;
  kind: 'preset' | 'config' | 'command';
  /** The binary it runs (argv[0]). */
  binary?: string;
  /** Absolute path when found on PATH. */
  found?: string;
  description: string;
  /** Stream format its output is read with. */
  format?: StreamFormat;
  /** The preset a config agent is based on. */
  preset?: string;
  /** The model a config agent names. */
  model?: string;
  /** How it takes a model, a gateway, and resumes (presets and preset-based agents). */
  modelFlag?: string;
  baseUrlEnv?: string;
  resume?: 'id' | 'history';
  /** Set when the config agent cannot be resolved (e.g. an unknown preset): the error message. */
  error?: string;
}

/**
 * Presets (replaced by a config agent of the same name), config agents, then the command agent. `envPath`
 * is the PATH searched (default: process.env.PATH). A broken config agent is listed with its error.
 */
export function availableAgents(config: Config, envPath = process.env.PATH ?? ''): AgentInfo[] {
  const out: AgentInfo[] = [];
  const onPath = (binary: string) => {
    const found = which(binary, envPath);
    return found ? { found } : {};
  };
  for (const p of PRESETS) {
    if (Object.hasOwn(config.agents, p.name)) continue;
    out.push({
      name: p.name, kind: 'preset', binary: p.binary, ...onPath(p.binary), description: p.description, format: p.format,
      modelFlag: p.modelFlag, ...(p.baseUrlEnv ? { baseUrlEnv: p.baseUrlEnv } : {}), resume: p.resume,
    });
  }
  for (const name of Object.keys(config.agents)) {
    try {
      const a = resolveAgent({ name }, config, `agents.${name}`);
      const binary = a.command?.[0] ?? a.preset?.binary;
      out.push({
        name, kind: 'config', ...(binary ? { binary, ...onPath(binary) } : {}),
        description: configDescription(config, name) ?? (a.preset ? `${a.preset.description}, from .wtagents/config.json` : 'own command, from .wtagents/config.json'),
        format: a.format, ...(a.preset ? { preset: a.preset.name, modelFlag: a.preset.modelFlag, resume: a.preset.resume } : {}),
        ...(a.preset?.baseUrlEnv ? { baseUrlEnv: a.preset.baseUrlEnv } : {}), ...(a.model ? { model: a.model } : {}),
      });
    } catch (error) {
      out.push({ name, kind: 'config', description: 'from .wtagents/config.json', error: (error as Error).message });
    }
  }
  out.push({ name: COMMAND_AGENT, kind: 'command', binary: '/bin/sh', ...onPath('/bin/sh'), description: 'any shell command (--agent-command CMD --format FMT)', format: 'text' });
  return out;
}

/** The description a config agent gives itself, if any. */
function configDescription(config: Config, name: string): string | undefined {
  const def = config.agents[name];
  return typeof def === 'object' && def.description ? def.description : undefined;
}
