// Routing: a task's workflow steps → fully resolved step plans (agent argv, env, format, session).
import { UserError } from '../core/errors.js';
import { ROUTE_STEPS, STEPS, type Config, type RouteConfig, type RouteStep, type StepName } from '../core/config.js';
import { READ_ONLY_STEPS } from '../core/step-packets.js';
import type { AgentChoice, TaskRecord } from '../core/task.js';
import type { StepPlan } from './types.js';
import { resolveAgent, validateConfigAgents, type ResolvedAgent } from './agent-resolve.js';
import { presetArgv, type Preset } from './presets.js';
import { DEFAULT_PERMISSIONS, presetPermissions } from './permissions.js';
import { randomUuid } from '../store/random-uuid.js';

export { describePlans } from './describe-plans.js';

export interface PlanInput {
  task: TaskRecord;
  config: Config;
  /** The packet for this round (absolute path) and its text. */
  packetPath: string;
  packetText: string;
  round: number;
  /** Resume this agent session (request-changes rounds) where the CLI allows. */
  resumeSessionId?: string;
  /** An agent chosen for this run, over the task's own. */
  agent?: AgentChoice;
  /** The agent that made resumeSessionId: when given, only a step run by that agent resumes it. */
  resumeAgent?: string;
  /** Where gateway keys are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Start the workflow at this step (a human's request-changes round starts again at `implement`). */
  fromStep?: StepName;
  /** Each step's own packet file (role packets); default: every step gets `packetPath`. */
  stepPacket?: (step: string) => string;
  /** Resume `resumeSessionId` even in round 1 (the fix step continues the implementer's session). */
  forceResume?: boolean;
}

/** One argv element may not exceed this (Linux MAX_ARG_STRLEN is 128 KiB). */
const MAX_ARG_BYTES = 128 * 1024 - 1;

/**
 * One plan per workflow step (task.workflow, else config.workflow), in order. Each step runs the agent
 * of its route (`routes[step]`), else the run's agent (input.agent > task.agent > config.defaultAgent),
 * with the route's model (else the agent's) and gateway (route baseUrl, else `gateway.baseUrl`) set in
 * the CLI's own env vars. In rounds after the first, the implement step (or, without one, the last
 * step) resumes the previous session where its CLI allows.
 */
export function planSteps(input: PlanInput): StepPlan[] {
  validateConfigAgents(input.config);
  const whole = workflowOf(input.task, input.config);
  const from = input.fromStep !== undefined ? whole.indexOf(input.fromStep) : -1;
  const workflow = from > 0 ? whole.slice(from) : whole;
  const resumeAt = workflow.includes('implement') ? workflow.indexOf('implement') : workflow.length - 1;
  const plans = workflow.map((step, i) => {
    const plan = planStep(input, step, i === resumeAt);
    return i === resumeAt ? { ...plan, keepsSession: true } : plan;
  });
  const implement = plans.find((p) => p.step === 'implement');
  const review = plans.find((p) => p.step === 'review');
  if (implement && review && implement.agent === review.agent && implement.model === review.model) {
    review.notes = [...(review.notes ?? []), sameModelWarning(review)];
  }
  return plans;
}

/** The warning when the reviewer is the implementer's own agent and model (it would review its own work). */
export function sameModelWarning(plan: StepPlan): string {
  return `the review step runs the implementer's own ${plan.model ? `model (${plan.model})` : `agent (${plan.agent})`}: it reviews its own work; set routes.review to another model`;
}

/**
 * The fix step: the implementer again (routes.fix, else routes.implement, else the run's agent) with the
 * reviewer's findings, resuming the implement step's session where the CLI allows.
 */
export function planFixStep(input: PlanInput): StepPlan {
  validateConfigAgents(input.config);
  return planStep({ ...input, forceResume: true }, 'fix', true);
}

function workflowOf(task: TaskRecord, config: Config): StepName[] {
  const steps = task.workflow ?? config.workflow;
  if (steps.length === 0) throw new UserError(`task ${task.id}: its workflow has no steps`);
  steps.forEach((s, i) => {
    if (!(STEPS as readonly string[]).includes(s)) throw new UserError(`task ${task.id} workflow.${i}: unknown step "${s}" (steps: ${STEPS.join(', ')})`);
  });
  return steps as StepName[];
}

/** The route a step runs on (for `fix`, the implementer's when it has none), or undefined. */
export function stepRoute(config: Config, step: string): RouteConfig | undefined {
  return (ROUTE_STEPS as readonly string[]).includes(step) ? routeOf(config, step as RouteStep)[0] : undefined;
}

/** A step's route: its own, and for `fix` the implementer's when it has none. */
function routeOf(config: Config, step: RouteStep): [RouteConfig | undefined, RouteStep] {
  const own = config.routes[step];
  if (own || step !== 'fix') return [own, step];
  return [config.routes.implement, 'implement'];
}

function chooseAgent(input: PlanInput, step: RouteStep, route: RouteConfig | undefined): [AgentChoice, string] {
  if (route) return [{ name: route.agent }, `routes.${step}.agent`];
  if (input.agent) return [input.agent, input.agent.command !== undefined ? '--agent-command' : '--agent'];
  if (input.task.agent) return [input.task.agent, `task ${input.task.id} agent`];
  if (input.config.defaultAgent !== undefined) return [{ name: input.config.defaultAgent }, 'defaultAgent'];
  throw new UserError('no agent for this task: give --agent NAME or --agent-command CMD, or set defaultAgent in .wtagents/config.json');
}

interface Gateway {
  baseUrl: string;
  apiKey?: string;
  /** The config field that set the base URL (for errors). */
  field: string;
}

/** The step's gateway: its route's own base URL (and key), else the global gateway. Keys are read from env. */
function gatewayFor(input: PlanInput, step: RouteStep, route: RouteConfig | undefined): Gateway | undefined {
  const env = input.env ?? process.env;
  const key = (name: string | undefined, field: string, baseUrl: string): { apiKey?: string } => {
    if (name === undefined) return {};
    const value = env[name];
    if (value === undefined || value === '') throw new UserError(`${field}: environment variable ${name} is not set (the key for ${baseUrl})`);
    return { apiKey: value };
  };
  if (route?.apiKeyEnv !== undefined && route.baseUrl === undefined) {
    throw new UserError(`routes.${step}.apiKeyEnv: only used with routes.${step}.baseUrl`);
  }
  if (route?.baseUrl !== undefined) {
    return { baseUrl: route.baseUrl, field: `routes.${step}.baseUrl`, ...key(route.apiKeyEnv, `routes.${step}.apiKeyEnv`, route.baseUrl) };
  }
  const g = input.config.gateway;
  if (!g) return undefined;
  return { baseUrl: g.baseUrl, field: 'gateway.baseUrl', ...key(g.apiKeyEnv, 'gateway.apiKeyEnv', g.baseUrl) };
}

function planStep(input: PlanInput, step: RouteStep, resumable: boolean): StepPlan {
  const [route, routeStep] = routeOf(input.config, step);
  const [choice, field] = chooseAgent(input, routeStep, route);
  const agent = resolveAgent(choice, input.config, field);
  const gateway = gatewayFor(input, routeStep, route);
  const model = route?.model ?? agent.model;
  const resuming = (input.round > 1 || input.forceResume === true) && resumable && (input.resumeAgent === undefined || input.resumeAgent === agent.name);
  const stepInput = input.stepPacket ? { ...input, packetPath: input.stepPacket(step) } : input;
  const ctx = { model, gateway, resuming, readOnly: READ_ONLY_STEPS.includes(step) };
  const plan = agent.preset ? presetPlan(stepInput, step, agent, agent.preset, ctx) : commandPlan(stepInput, step, agent, ctx);
  for (const arg of plan.argv) {
    const bytes = Buffer.byteLength(arg);
    if (bytes > MAX_ARG_BYTES) {
      throw new UserError(`step ${step}: an argument for ${agent.name} is ${Math.ceil(bytes / 1024)} KiB, over the 128 KiB limit of one argument (a packet passed as text is too long)`);
    }
  }
  return plan;
}

interface StepContext {
  model: string | undefined;
  gateway: Gateway | undefined;
  resuming: boolean;
  /** A step that must change nothing: the CLI's read-only mode where it has one. */
  readOnly: boolean;
}

function presetPlan(input: PlanInput, step: RouteStep, agent: ResolvedAgent, preset: Preset, ctx: StepContext): StepPlan {
  let model = ctx.model;
  let env: Record<string, string> = {};
  let secretEnv: string[] = [];
  let gatewayArgs: string[] = [];
  let files: { path: string; content: string }[] = [];
  const mode = agent.permissions ?? DEFAULT_PERMISSIONS;
  const field = agent.kind === 'config' ? `agents.${agent.name}.permissions` : `${agent.name} permissions`;
  const permissions = presetPermissions(preset.name, mode, input.task.worktree, field);
  // A step that must change nothing runs in the CLI's read-only mode where it has one, whatever the agent's mode.
  const readOnly = ctx.readOnly && preset.readOnlyArgs !== undefined;
  const notes: string[] = readOnly ? [] : [...permissions.notes];
  if (ctx.gateway && !preset.gateway) {
    if (ctx.gateway.field !== 'gateway.baseUrl') {
      throw new UserError(`${ctx.gateway.field}: ${agent.name} (${preset.name}) has no base-URL setting; route step ${step} to another agent`);
    }
    notes.push(`${preset.name} has no base-URL setting: the gateway is not used for this step`);
  } else if (ctx.gateway && preset.gateway) {
    if (preset.gatewayNeedsModel && !model) {
      throw new UserError(`routes.${step}.model: ${agent.name} (${preset.name}) needs a model name to use the gateway ${ctx.gateway.baseUrl}`);
    }
    const setup = preset.gateway(ctx.gateway.baseUrl, ctx.gateway.apiKey, model, { taskDir: input.task.taskDir });
    env = setup.env;
    secretEnv = setup.secretEnv;
    model = setup.model ?? model;
    gatewayArgs = setup.args ?? [];
    files = setup.files ?? [];
  }
  const resumeId = ctx.resuming && preset.resume === 'id' ? input.resumeSessionId : undefined;
  const resumeHistory = ctx.resuming && preset.resume === 'history';
  const newSessionId = !resumeId && preset.preassignSession ? randomUuid() : undefined;
  const argv = presetArgv(
    preset,
    { packetPath: input.packetPath, packetText: input.packetText, model, newSessionId, resumeSessionId: resumeId, resumeHistory, permissionArgs: permissions.args, readOnly: ctx.readOnly },
    [...gatewayArgs, ...agent.args],
    agent.command ?? [preset.binary],
  );
  const sessionId = resumeId ?? newSessionId;
  return {
    step,
    agent: agent.name,
    argv,
    env: { ...(readOnly ? {} : permissions.env), ...env, ...agent.env },
    secretEnv,
    format: agent.format,
    packetOnStdin: preset.packetOnStdin,
    permissions: readOnly ? 'read-only' : mode,
    ...(files.length > 0 ? { files } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(ctx.gateway && preset.gateway ? { baseUrl: ctx.gateway.baseUrl } : {}),
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(resumeId !== undefined || resumeHistory ? { resumed: true } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * A command of its own (`--agent-command`, or a config agent with `command`): the packet on stdin, and
 * the route in generic variables it may use: WTAGENTS_STEP, WTAGENTS_MODEL, WTAGENTS_BASE_URL,
 * WTAGENTS_API_KEY (secret), WTAGENTS_RESUME_SESSION_ID.
 */
function commandPlan(input: PlanInput, step: RouteStep, agent: ResolvedAgent, ctx: StepContext): StepPlan {
  const resumeId = ctx.resuming ? input.resumeSessionId : undefined;
  const env: Record<string, string> = {
    WTAGENTS_STEP: step,
    ...(ctx.model !== undefined ? { WTAGENTS_MODEL: ctx.model } : {}),
    ...(ctx.gateway ? { WTAGENTS_BASE_URL: ctx.gateway.baseUrl } : {}),
    ...(ctx.gateway?.apiKey ? { WTAGENTS_API_KEY: ctx.gateway.apiKey } : {}),
    ...(resumeId !== undefined ? { WTAGENTS_RESUME_SESSION_ID: resumeId } : {}),
    ...agent.env,
  };
  return {
    step,
    agent: agent.name,
    argv: [...agent.command!, ...agent.args],
    env,
    secretEnv: ctx.gateway?.apiKey ? ['WTAGENTS_API_KEY'] : [],
    format: agent.format,
    packetOnStdin: true,
    ...(ctx.model !== undefined ? { model: ctx.model } : {}),
    ...(ctx.gateway ? { baseUrl: ctx.gateway.baseUrl } : {}),
    ...(resumeId !== undefined ? { sessionId: resumeId, resumed: true } : {}),
  };
}
