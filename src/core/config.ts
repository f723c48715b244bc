// The repository config (.wtagents/config.json, DESIGN §6) as a strict zod schema: unknown keys are errors.
import { z } from 'zod';
import { STREAM_FORMATS } from './stream-formats.js';
import { MERGE_STRATEGIES, type MergeStrategy } from './decision.js';

export { STREAM_FORMATS, type StreamFormat } from './stream-formats.js';

export const STEPS = ['plan', 'implement', 'review', 'summary'] as const;
export type StepName = (typeof STEPS)[number];

/** Config `sandbox`: `bwrap` refuses to run without it, `none` never uses it, `auto` uses it when it works. */
export const SANDBOX_MODES = ['auto', 'bwrap', 'none'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];
/** Steps a route can name: the workflow's, and `fix` (the implementer again after a review asks for changes). */
export const ROUTE_STEPS = [...STEPS, 'fix'] as const;
export type RouteStep = (typeof ROUTE_STEPS)[number];

/** What a preset agent may do without asking: its worktree (edits, shell, commits), edits only, or everything. */
export const PERMISSION_MODES = ['worktree', 'edits', 'full'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

/**
 * The schemas, built on first use: building zod schemas takes milliseconds at start-up, and without a config
 * file nothing needs them (DEFAULT_CONFIG is written out below; tests/unit/schemas.test.ts compares the two).
 */
function buildSchemas() {
  /** US dollars per million tokens (src/core/prices.ts). */
  const Price = z.strictObject({
    inputPerMTok: z.number().nonnegative(),
    outputPerMTok: z.number().nonnegative(),
    cacheReadPerMTok: z.number().nonnegative().optional(),
  });

  const AgentConfig = z.strictObject({
    /** A built-in preset (claude, codex, gemini, opencode, aider, cursor, copilot) this agent is based on. */
    preset: z.string().optional(),
    /** argv of the agent's command; the packet arrives on stdin. */
    command: z.array(z.string()).min(1).optional(),
    format: z.enum(STREAM_FORMATS).optional(),
    env: z.record(z.string(), z.string()).optional(),
    /** Extra arguments appended to the preset's command line. */
    args: z.array(z.string()).optional(),
    /** The model this agent uses unless a route names one. */
    model: z.string().min(1).optional(),
    /** What this agent is, shown wherever agents are listed. */
    description: z.string().optional(),
    /** What a preset agent may do without asking (default `worktree`). */
    permissions: z.enum(PERMISSION_MODES).optional(),
  });

  const RouteConfig = z.strictObject({
    agent: z.string().min(1),
    model: z.string().min(1).optional(),
    /** A gateway for this step only (else `gateway.baseUrl`). */
    baseUrl: z.url().optional(),
    /** With `baseUrl`: the env var holding that gateway's key (the global gateway key is never sent elsewhere). */
    apiKeyEnv: z.string().min(1).optional(),
    /** This step's price (over config `prices`): estimates a live cost from tokens for budget.maxCostUsd. */
    price: Price.optional(),
  });

  const SshRunner = z.strictObject({
    /** `user@host`, or a Host alias of the user's ~/.ssh/config. */
    ssh: z.string().min(1),
    port: z.number().int().positive().optional(),
    /** Where the runner keeps its bundle, mirrors and task directories on the host. */
    dir: z.string().min(1).default('~/.wtagents-runner'),
    /** The host's Node.js (≥ 22). */
    node: z.string().min(1).default('node'),
    /** Runs at once on this host (of this repository's tasks); more wait `queued`. */
    maxParallel: z.number().int().positive().optional(),
    /** A pool this host belongs to: `--on pool:NAME` picks the pool's host with the most free slots. */
    pool: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).optional(),
    /** An ssh_config file to use instead of ~/.ssh/config (ssh -F). */
    sshConfig: z.string().optional(),
    /** Directories put first on PATH on the host (where its agent CLIs are). */
    path: z.array(z.string()).default([]),
    /** Names of local environment variables (keys) passed to the host's run through ssh's stdin, never written there. */
    env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
    connectTimeoutSeconds: z.number().positive().default(10),
  });

  const Config = z.strictObject({
    /** name → a preset name, or an agent definition. */
    agents: z.record(z.string(), z.union([z.string(), AgentConfig])).default({}),
    /** The default agent when neither the task nor a route names one. */
    defaultAgent: z.string().optional(),
    gateway: z
      .strictObject({
        baseUrl: z.url(),
        /** Name of the environment variable holding the gateway's API key (never the key itself). */
        apiKeyEnv: z.string().optional(),
      })
      .optional(),
    routes: z.partialRecord(z.enum(ROUTE_STEPS), RouteConfig).default({}),
    workflow: z.array(z.enum(STEPS)).min(1).default(['implement']),
    /** Commands wtagents runs in the worktree after the agent: the done criteria. */
    checks: z.array(z.string()).default([]),
    /** Commands run in a new worktree before the agent starts (e.g. npm ci). */
    setup: z.array(z.string()).default([]),
    scope: z.array(z.string()).default([]),
    worktreeDir: z.string().optional(),
    keys: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
    /** An agent that prints nothing for this many minutes is stopped and its task fails (0: never). */
    agentIdleTimeoutMinutes: z.number().nonnegative().default(10),
    merge: z
      .strictObject({
        squash: z.boolean().default(false),
        /** The strategy a merge takes unless told otherwise (merge, squash, rebase); without it `squash` decides. */
        strategy: z.enum(MERGE_STRATEGIES).optional(),
      })
      .default({ squash: false }),
    /** Seconds between SIGTERM and SIGKILL when stopping an agent. */
    stopGraceSeconds: z.number().positive().default(5),
    /** A task's trace.jsonl past this size keeps only states, exits, checks and decisions (`trace.truncated`). */
    traceCapMiB: z.number().positive().default(64),
    /** Where agents and checks run: `auto` = in bubblewrap when it works here, else not sandboxed (said so). */
    sandbox: z.enum(SANDBOX_MODES).default('auto'),
    /** Limits of every run (a task's own `new --budget-usd/--max-minutes` win). */
    budget: z
      .strictObject({
        maxCostUsd: z.number().positive().optional(),
        maxTokens: z.number().int().positive().optional(),
        stepTimeoutMinutes: z.number().positive().optional(),
        /** Fix rounds after a review asks for changes (0: none). */
        maxFixRounds: z.number().int().nonnegative().default(1),
        checkTimeoutSeconds: z.number().positive().optional(),
      })
      .default({ maxFixRounds: 1 }),
    /** model name → its price: a step whose agent reports tokens but no cost yet is held to maxCostUsd by the estimate. */
    prices: z.record(z.string().min(1), Price).optional(),
    /** Shell commands run on task events with WTAGENTS_* in their environment (a string or a list each). */
    hooks: z
      .strictObject({
        onStateChange: z.union([z.string(), z.array(z.string())]).optional(),
        afterCreate: z.union([z.string(), z.array(z.string())]).optional(),
        beforeMerge: z.union([z.string(), z.array(z.string())]).optional(),
        afterMerge: z.union([z.string(), z.array(z.string())]).optional(),
      })
      .default({}),
    /** Seconds a waited-for hook (afterCreate, beforeMerge, afterMerge; and git's own hooks during a merge) may take before it is killed. */
    hookTimeoutSeconds: z.number().positive().default(60),
    /** The range each task's WTAGENTS_PORT is picked from (hashed from its id). */
    ports: z.strictObject({ from: z.number().int().min(1024).max(65535), to: z.number().int().min(1024).max(65535) }).optional(),
    /** Runs of the repository's tasks at once; more wait `queued` (default: no limit). */
    maxParallel: z.number().int().positive().optional(),
    /** Hosts that run tasks over SSH (`new --on NAME`, `run --on NAME`); `local` is this machine. */
    runners: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/), SshRunner).default({}),
  });
  return { AgentConfig, RouteConfig, SshRunner, Config };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;
const built = () => (schemas ??= buildSchemas());

/** A config agent: a preset name with overrides, or a command of its own. */
export const AgentConfig = z.lazy(() => built().AgentConfig);
export type AgentConfig = z.infer<typeof AgentConfig>;

/** One workflow step's route: its agent, model and gateway. */
export const RouteConfig = z.lazy(() => built().RouteConfig);
export type RouteConfig = z.infer<typeof RouteConfig>;

/** One SSH runner of config `runners`. */
export const SshRunnerConfig = z.lazy(() => built().SshRunner);
export type SshRunnerConfig = z.infer<typeof SshRunnerConfig>;

/** The whole .wtagents/config.json. */
export const Config = z.lazy(() => built().Config);
export type Config = z.infer<typeof Config>;

/** Config with every default filled (no file): what `Config.parse({})` gives, written out so no schema is built for it. */
export const DEFAULT_CONFIG: Config = {
  agents: {},
  routes: {},
  workflow: ['implement'],
  checks: [],
  setup: [],
  scope: [],
  keys: {},
  agentIdleTimeoutMinutes: 10,
  merge: { squash: false },
  stopGraceSeconds: 5,
  traceCapMiB: 64,
  sandbox: 'auto',
  budget: { maxFixRounds: 1 },
  hooks: {},
  hookTimeoutSeconds: 60,
  runners: {},
};

/** Validate parsed JSON; the error names the field: `routes.review.agent: expected string`. */
export function parseConfig(json: unknown): { ok: true; config: Config } | { ok: false; error: string } {
  const r = Config.safeParse(json);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, error: describeIssue(r.error.issues[0]!) };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
}

/** One issue as `field.path: what is wrong`, looking into unions for the branch that fits the value's shape. */
function describeIssue(issue: Issue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys && issue.keys.length > 0) {
    return `${[...path, issue.keys[0]!].map(String).join('.')}: unknown key`;
  }
  if (issue.code === 'invalid_union' && issue.errors) {
    // A branch that failed deeper than its root fits the value's shape: report its first issue.
    const fitting = issue.errors.find((branch) => branch.length > 0 && !(branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0));
    if (fitting) return describeIssue(fitting[0]!, path);
    return `${where(path)}: expected a preset name (string) or an agent object`;
  }
  return `${where(path)}: ${issue.message}`;
}

function where(path: PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(top level)';
}

/** The merge strategy the config asks for: merge.strategy, else squash when merge.squash, else merge. */
export function configStrategy(config: Pick<Config, 'merge'>): MergeStrategy {
  return config.merge.strategy ?? (config.merge.squash ? 'squash' : 'merge');
}
