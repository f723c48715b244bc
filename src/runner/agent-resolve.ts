// Agent names → definitions: config agents (a preset with overrides, or a command of their own) and built-in presets.
import { UserError } from '../core/errors.js';
import { ROUTE_STEPS, STREAM_FORMATS, type Config, type PermissionMode, type StreamFormat } from '../core/config.js';
import type { AgentChoice } from '../core/task.js';
import { findPreset, PRESET_NAMES, type Preset } from './presets.js';

/** The name `--agent-command` agents go by. */
export const COMMAND_AGENT = 'command';

export interface ResolvedAgent {
  name: string;
  kind: 'preset' | 'config' | 'command';
  /** Set for preset agents and config agents based on a preset. */
  preset?: Preset;
  /**
   * Own-command agents: the full argv (for `--agent-command`, ['/bin/sh', '-c', cmd]).
   * Preset-based agents: replaces the preset's binary (e.g. ['npx', 'claude']), the preset's args follow.
   */
  command?: string[];
  format: StreamFormat;
  env: Record<string, string>;
  /** Extra args appended to a preset's options. */
  args: string[];
  model?: string;
  /** What a preset agent may do without asking (config `permissions`; default worktree). */
  permissions?: PermissionMode;
}

/** Every agent name a route, task or defaultAgent may use: config agents, presets, and "command". */
export function knownAgentNames(config: Config): string[] {
  return [...new Set([...Object.keys(config.agents), ...PRESET_NAMES, COMMAND_AGENT])];
}

/**
 * Resolve an agent choice. `field` says where the name came from (e.g. `routes.review.agent`), so an
 * unknown name is reported there with the list of known names.
 */
export function resolveAgent(choice: AgentChoice, config: Config, field: string): ResolvedAgent {
  if (choice.command !== undefined) {
    if (choice.command.trim() === '') throw new UserError(`${field}: the agent command is empty`);
    return { name: COMMAND_AGENT, kind: 'command', command: ['/bin/sh', '-c', choice.command], format: streamFormat(choice.format, field === '--agent-command' ? '--format' : `${field} format`), env: {}, args: [] };
  }
  const name = choice.name;
  const def = Object.hasOwn(config.agents, name) ? config.agents[name] : undefined;
  if (def === undefined) {
    const preset = findPreset(name);
    if (preset) return { name, kind: 'preset', preset, format: preset.format, env: {}, args: [] };
    if (name === COMMAND_AGENT) throw new UserError(`${field}: the "command" agent needs --agent-command CMD`);
    throw new UserError(`${field}: unknown agent "${name}" (known: ${knownAgentNames(config).join(', ')})`);
  }
  if (typeof def === 'string') {
    const preset = findPreset(def);
    if (!preset) throw new UserError(`agents.${name}: unknown preset "${def}" (presets: ${PRESET_NAMES.join(', ')})`);
    return { name, kind: 'config', preset, format: preset.format, env: {}, args: [] };
  }
  const presetName = def.preset ?? (def.command === undefined ? name : undefined);
  const base = {
    name,
    kind: 'config' as const,
    env: { ...def.env },
    args: [...(def.args ?? [])],
    ...(def.model !== undefined ? { model: def.model } : {}),
    ...(def.permissions !== undefined ? { permissions: def.permissions } : {}),
  };
  if (presetName !== undefined) {
    const preset = findPreset(presetName);
    if (!preset) {
      const where = def.preset !== undefined ? `agents.${name}.preset` : `agents.${name}`;
      const what = def.preset !== undefined ? `unknown preset "${presetName}"` : 'give a preset or a command';
      throw new UserError(`${where}: ${what} (presets: ${PRESET_NAMES.join(', ')})`);
    }
    return { ...base, preset, format: def.format ?? preset.format, ...(def.command ? { command: [...def.command] } : {}) };
  }
  if (def.permissions !== undefined) throw new UserError(`agents.${name}.permissions: only for agents based on a preset (an own command decides its own permissions)`);
  return { ...base, command: [...def.command!], format: def.format ?? 'text' };
}

export function streamFormat(format: string | undefined, field: string): StreamFormat {
  if (format === undefined) return 'text';
  if ((STREAM_FORMATS as readonly string[]).includes(format)) return format as StreamFormat;
  throw new UserError(`${field}: unknown format "${format}" (formats: ${STREAM_FORMATS.join(', ')})`);
}

/**
 * Check that every agent the config names exists (routes, defaultAgent, presets of config agents), so a
 * typo is reported with the field that holds it, before anything runs.
 */
export function validateConfigAgents(config: Config): void {
  for (const name of Object.keys(config.agents)) resolveAgent({ name }, config, `agents.${name}`);
  for (const step of ROUTE_STEPS) {
    const route = config.routes[step];
    if (route) checkName(route.agent, config, `routes.${step}.agent`);
  }
  if (config.defaultAgent !== undefined) checkName(config.defaultAgent, config, 'defaultAgent');
}

function checkName(name: string, config: Config, field: string): void {
  if (name === COMMAND_AGENT && !Object.hasOwn(config.agents, name)) {
    throw new UserError(`${field}: "command" needs --agent-command; name an agent from "agents" instead`);
  }
  resolveAgent({ name }, config, field);
}
