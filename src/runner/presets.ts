// Built-in agent presets (AGENT-CLIS.md): each CLI's headless command line, permissions, model, gateway env, resume.
import path from 'node:path';
import type { StreamFormat } from '../core/config.js';

/** What one step's run asks of a preset. */
export interface PresetRun {
  packetPath: string;
  packetText: string;
  model?: string | undefined;
  /** A fresh session id to give the CLI (presets with preassignSession). */
  newSessionId?: string | undefined;
  /** Continue this session (presets that resume by id). */
  resumeSessionId?: string | undefined;
  /** Continue the previous conversation (presets that resume without an id). */
  resumeHistory?: boolean | undefined;
  /** The flags of the agent's permission mode (permissions.ts); the preset's default mode when absent. */
  permissionArgs?: readonly string[] | undefined;
  /** A step that must change nothing (plan, review, summary): `readOnlyArgs` replace `permissionArgs`. */
  readOnly?: boolean | undefined;
}

/** A gateway route for one CLI: the CLI's own env vars (which of them are secret) and the model as it must be named. */
export interface GatewaySetup {
  env: Record<string, string>;
  secretEnv: string[];
  model?: string | undefined;
  /** Options the CLI takes the gateway by (codex: `-c openai_base_url=…`). */
  args?: string[];
  /** Files the CLI must find before it starts (gemini: its auth settings), written by the supervisor. */
  files?: { path: string; content: string }[];
}

/** Where the task's own files live, for presets that keep state per task (gemini's settings home). */
export type GatewayContext = { taskDir: string };

export interface Preset {
  name: string;
  binary: string;
  description: string;
  format: StreamFormat;
  /** The packet is fed on stdin (else it is in argv: a file path or the text itself). */
  packetOnStdin: boolean;
  /** Flags that let it work without asking in its worktree: the default mode's (permissions.ts has every mode; a test keeps them equal). */
  permissionArgs: readonly string[];
  /** Flags for a read-only step, in place of permissionArgs (CLIs with a read-only mode). */
  readOnlyArgs?: readonly string[];
  /** How it takes a model (for display): a flag. */
  modelFlag: string;
  /** Its own env var for a base URL; none when the CLI has no such setting. */
  baseUrlEnv?: string;
  /** Its own env var for the gateway's key. */
  apiKeyEnv?: string;
  /** `id`: resumes a session by id; `history`: continues the last conversation without an id. */
  resume: 'id' | 'history';
  /** A fresh run can be given its own session id (so a later round can resume it). */
  preassignSession: boolean;
  /** A gateway route needs a model name (the CLI cannot pick one of the gateway's models itself). */
  gatewayNeedsModel: boolean;
  /** Arguments after the binary: `head` (options, where config `args` are appended) and `tail` (positionals). */
  args(run: PresetRun): { head: string[]; tail: string[] };
  gateway?(baseUrl: string, apiKey: string | undefined, model: string | undefined, ctx: GatewayContext): GatewaySetup;
}

/** The prompt argument for CLIs that read the packet on stdin but also want a prompt. */
export const STDIN_PROMPT = 'Execute the task packet above.';

const withModel = (flag: string, model: string | undefined) => (model ? [flag, model] : []);
/** The run's permission flags (permissions.ts, per mode), else the preset's default (worktree) ones. */
const perms = (r: PresetRun, preset: Preset) => [...(r.permissionArgs ?? preset.permissionArgs)];

/** A gateway's base URL is OpenAI-style (`…/v1`); clients adding their own version path get it without `/v1`. */
export function withoutV1(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** Env for a gateway in the CLI's own variables: base URL, and the key (secret) when there is one. */
function ownVars(urlVar: string, keyVar: string, baseUrl: string, apiKey: string | undefined): GatewaySetup {
  return { env: { [urlVar]: baseUrl, ...(apiKey ? { [keyVar]: apiKey } : {}) }, secretEnv: apiKey ? [keyVar] : [] };
}

const claude: Preset = {
  name: 'claude',
  binary: 'claude',
  description: 'Claude Code (Anthropic)',
  format: 'claude',
  packetOnStdin: true,
  permissionArgs: ['--permission-mode', 'acceptEdits', '--allowedTools', 'Bash'],
  readOnlyArgs: ['--permission-mode', 'plan'],
  modelFlag: '--model',
  baseUrlEnv: 'ANTHROPIC_BASE_URL',
  apiKeyEnv: 'ANTHROPIC_AUTH_TOKEN',
  resume: 'id',
  preassignSession: true,
  gatewayNeedsModel: false,
  args: (r) => ({
    head: [
      '-p', '--output-format', 'stream-json', '--verbose', ...perms(r, claude), ...withModel('--model', r.model),
      ...(r.resumeSessionId ? ['--resume', r.resumeSessionId] : r.newSessionId ? ['--session-id', r.newSessionId] : []),
    ],
    tail: [],
  }),
  gateway: (url, key) => ownVars('ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', withoutV1(url), key),
};

const codex: Preset = {
  name: 'codex',
  binary: 'codex',
  description: 'Codex CLI (OpenAI)',
  format: 'codex',
  packetOnStdin: true,
  permissionArgs: ['--sandbox', 'workspace-write'],
  readOnlyArgs: ['--sandbox', 'read-only'],
  modelFlag: '-m',
  baseUrlEnv: '-c openai_base_url',
  apiKeyEnv: 'CODEX_API_KEY',
  resume: 'id',
  preassignSession: false,
  gatewayNeedsModel: false,
  args: (r) => ({
    head: ['exec', '--json', ...perms(r, codex), ...withModel('-m', r.model)],
    tail: [...(r.resumeSessionId ? ['resume', r.resumeSessionId] : []), '-'],
  }),
  // Codex 0.17x ignores OPENAI_BASE_URL: the base URL goes in its own config setting (a TOML string).
  gateway: (url, key): GatewaySetup => ({
    env: key ? { CODEX_API_KEY: key } : {},
    secretEnv: key ? ['CODEX_API_KEY'] : [],
    args: ['-c', `openai_base_url=${JSON.stringify(url)}`],
  }),
};

const gemini: Preset = {
  name: 'gemini',
  binary: 'gemini',
  description: 'Gemini CLI (Google)',
  format: 'gemini',
  packetOnStdin: true,
  permissionArgs: ['--approval-mode=yolo', '--skip-trust'],
  modelFlag: '-m',
  baseUrlEnv: 'GOOGLE_GEMINI_BASE_URL',
  apiKeyEnv: 'GEMINI_API_KEY',
  resume: 'id',
  preassignSession: false,
  gatewayNeedsModel: false,
  args: (r) => ({
    head: ['-p', STDIN_PROMPT, '-o', 'stream-json', ...perms(r, gemini), ...withModel('-m', r.model), ...(r.resumeSessionId ? ['-r', r.resumeSessionId] : [])],
    tail: [],
  }),
  // With only GOOGLE_GEMINI_BASE_URL its headless mode picks an auth type it then rejects (exit 41): a settings
  // home of its own, kept in the task directory (its sessions live there too, so a later round resumes).
  gateway: (url, key, _model, ctx) => {
    const home = path.join(ctx.taskDir, 'agent-home', 'gemini');
    const own = ownVars('GOOGLE_GEMINI_BASE_URL', 'GEMINI_API_KEY', withoutV1(url), key);
    return {
      ...own,
      env: { ...own.env, GEMINI_CLI_HOME: home },
      files: [{ path: path.join(home, '.gemini', 'settings.json'), content: `${JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2)}\n` }],
    };
  },
};

const aider: Preset = {
  name: 'aider',
  binary: 'aider',
  description: 'Aider (any Chat Completions model)',
  format: 'aider',
  packetOnStdin: false,
  permissionArgs: ['--yes-always'],
  modelFlag: '--model',
  baseUrlEnv: 'OPENAI_API_BASE',
  apiKeyEnv: 'OPENAI_API_KEY',
  resume: 'history',
  preassignSession: false,
  gatewayNeedsModel: true,
  args: (r) => ({
    head: [
      '--message-file', r.packetPath, ...perms(r, aider), '--no-stream', '--no-pretty',
      ...withModel('--model', r.model), ...(r.resumeHistory ? ['--restore-chat-history'] : []),
    ],
    tail: [],
  }),
  // Through an OpenAI-compatible gateway, Aider (LiteLLM) needs the model named `openai/<model>`.
  gateway: (url, key, model) => ({
    ...ownVars('OPENAI_API_BASE', 'OPENAI_API_KEY', url, key),
    model: model && !model.startsWith('openai/') ? `openai/${model}` : model,
  }),
};

/** opencode reads a gateway as a provider in its config (OPENCODE_CONFIG_CONTENT); the key stays in an env var it references. */
export const OPENCODE_GATEWAY_PROVIDER = 'wtagents';
export const OPENCODE_GATEWAY_KEY_ENV = 'WTAGENTS_GATEWAY_API_KEY';

const opencode: Preset = {
  name: 'opencode',
  binary: 'opencode',
  description: 'opencode (any provider)',
  format: 'opencode',
  packetOnStdin: true,
  permissionArgs: ['--auto'],
  modelFlag: '-m',
  baseUrlEnv: 'OPENCODE_CONFIG_CONTENT',
  apiKeyEnv: OPENCODE_GATEWAY_KEY_ENV,
  resume: 'id',
  preassignSession: false,
  gatewayNeedsModel: true,
  args: (r) => ({
    head: ['run', '--format', 'json', ...perms(r, opencode), ...withModel('-m', r.model), ...(r.resumeSessionId ? ['--session', r.resumeSessionId] : [])],
    tail: [STDIN_PROMPT],
  }),
  gateway: (url, key, model) => {
    const name = model?.startsWith(`${OPENCODE_GATEWAY_PROVIDER}/`) ? model.slice(OPENCODE_GATEWAY_PROVIDER.length + 1) : model;
    const config = {
      provider: {
        [OPENCODE_GATEWAY_PROVIDER]: {
          npm: '@ai-sdk/openai-compatible',
          name: 'wtagents gateway',
          options: { baseURL: url, ...(key ? { apiKey: `{env:${OPENCODE_GATEWAY_KEY_ENV}}` } : {}) },
          models: name ? { [name]: {} } : {},
        },
      },
    };
    return {
      // The gateway's provider is all in the config: no models.dev catalogue fetch (offline it only costs time), no self-update.
      env: { OPENCODE_CONFIG_CONTENT: JSON.stringify(config), OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1', ...(key ? { [OPENCODE_GATEWAY_KEY_ENV]: key } : {}) },
      secretEnv: key ? [OPENCODE_GATEWAY_KEY_ENV] : [],
      model: name ? `${OPENCODE_GATEWAY_PROVIDER}/${name}` : undefined,
    };
  },
};

const cursor: Preset = {
  name: 'cursor',
  binary: 'agent',
  description: 'Cursor CLI (no base-URL setting: no gateway)',
  format: 'cursor',
  packetOnStdin: true,
  permissionArgs: ['--trust', '--force'],
  modelFlag: '--model',
  resume: 'id',
  preassignSession: false,
  gatewayNeedsModel: false,
  args: (r) => ({
    head: ['-p', '--output-format', 'stream-json', ...perms(r, cursor), ...withModel('--model', r.model), ...(r.resumeSessionId ? [`--resume=${r.resumeSessionId}`] : [])],
    tail: [],
  }),
};

const copilot: Preset = {
  name: 'copilot',
  binary: 'copilot',
  description: 'GitHub Copilot CLI (packet passed as -p text)',
  format: 'copilot',
  packetOnStdin: false,
  permissionArgs: ['--allow-all', '--no-ask-user'],
  modelFlag: '--model',
  baseUrlEnv: 'COPILOT_PROVIDER_BASE_URL',
  apiKeyEnv: 'COPILOT_PROVIDER_API_KEY',
  resume: 'id',
  preassignSession: true,
  gatewayNeedsModel: true,
  // `--resume=<uuid>` both resumes a session and starts a new one with that id.
  args: (r) => ({
    head: [
      '-p', r.packetText, '--output-format', 'json', ...perms(r, copilot), ...withModel('--model', r.model),
      ...(r.resumeSessionId ?? r.newSessionId ? [`--resume=${r.resumeSessionId ?? r.newSessionId}`] : []),
    ],
    tail: [],
  }),
  gateway: (url, key, model) => ({
    env: {
      COPILOT_PROVIDER_BASE_URL: url,
      COPILOT_PROVIDER_TYPE: 'openai',
      ...(model ? { COPILOT_PROVIDER_MODEL_ID: model } : {}),
      ...(key ? { COPILOT_PROVIDER_API_KEY: key } : {}),
    },
    secretEnv: key ? ['COPILOT_PROVIDER_API_KEY'] : [],
    model,
  }),
};

export const PRESETS: readonly Preset[] = [claude, codex, gemini, opencode, aider, cursor, copilot];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);
export const findPreset = (name: string): Preset | undefined => PRESETS.find((p) => p.name === name);

/** The full argv of a preset run: binary words, head args, extra args, tail. */
export function presetArgv(preset: Preset, run: PresetRun, extraArgs: readonly string[] = [], binary: readonly string[] = [preset.binary]): string[] {
  const { head, tail } = preset.args(run);
  const used = run.permissionArgs ?? preset.permissionArgs;
  return [...binary, ...(run.readOnly && preset.readOnlyArgs ? swapArgs(head, used, preset.readOnlyArgs) : head), ...extraArgs, ...tail];
}

/** `args` with the first run of `from` replaced by `to` (or `to` appended when `from` is not there). */
function swapArgs(args: readonly string[], from: readonly string[], to: readonly string[]): string[] {
  for (let i = 0; i + from.length <= args.length; i++) {
    if (from.every((w, j) => args[i + j] === w)) return [...args.slice(0, i), ...to, ...args.slice(i + from.length)];
  }
  return [...args, ...to];
}
