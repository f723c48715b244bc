// The real-agent suite's world: the pinned CLIs on PATH, a scripted model server, a temp repo whose config
// holds only `gateway`/`routes`, a throwaway HOME, and `wtagents` run from the main checkout.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { agentClisLocation } from '../../scripts/install-agent-clis.mjs';
import { git, makeRepo } from '../helpers/repo.js';
import { runCli, runJson, type CliResult } from '../helpers/cli.js';
import { readRecord, traceEvents, trackTask, waitSettled } from '../helpers/run.js';
import type { TaskRecord } from '../../src/core/task.js';
import type { TraceEvent } from '../../src/core/trace-schema.js';
import { startModelServer, type ModelServer, type Script } from './model-server/index.js';

export const BIN_DIR = agentClisLocation().binDir;
export const KEY_ENV = 'WTAGENTS_TEST_GATEWAY_KEY';
export const KEY = 'test-gateway-key-1';

/** Generous: a CLI's first start on a busy machine takes many seconds. */
export const RUN_TIMEOUT_MS = 240_000;

const homes: string[] = [];
afterAll(() => {
  if (process.env.WTAGENTS_KEEP_TMP) return;
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

/**
 * A throwaway HOME outside the temp dir: codex refuses to put its sandbox helper under a temp dir (and
 * then every shell command it runs fails), so homes live under ~/.cache/wtagents/test-homes.
 */
export function throwawayHome(): string {
  const root = path.join(os.homedir(), '.cache', 'wtagents', 'test-homes');
  mkdirSync(root, { recursive: true });
  const home = mkdtempSync(path.join(root, 'home-'));
  homes.push(home);
  return home;
}

export interface World {
  repo: string;
  home: string;
  server: ModelServer;
  env: NodeJS.ProcessEnv;
  /** The main checkout's HEAD, branch sha and status before any task. */
  before: { head: string; main: string; status: string };
  close(): Promise<void>;
}

/** Where each CLI's client expects the gateway: OpenAI-style clients add paths after `/v1`. */
export function gatewayUrl(server: ModelServer): string {
  return `${server.url}/v1`;
}

export async function makeWorld(opts: { script: Script; scripts?: Record<string, Script>; config: (server: ModelServer) => unknown; env?: NodeJS.ProcessEnv }): Promise<World> {
  if (!existsSync(path.join(BIN_DIR, 'claude'))) throw new Error(`the agent CLIs are not installed: run node scripts/install-agent-clis.mjs (${BIN_DIR})`);
  const server = await startModelServer({ script: opts.script, ...(opts.scripts ? { scripts: opts.scripts } : {}) });
  const repo = makeRepo({ files: { 'README.md': '# agents test repo\n' } });
  // The config is ours, not the repo's: keep it out of `git status` as wtagents itself would.
  writeFileSync(path.join(repo, '.git', 'info', 'exclude'), '.wtagents/\n');
  mkdirSync(path.join(repo, '.wtagents'), { recursive: true });
  writeFileSync(path.join(repo, '.wtagents', 'config.json'), `${JSON.stringify(opts.config(server), null, 2)}\n`);
  const home = throwawayHome();
  const env: NodeJS.ProcessEnv = {
    PATH: `${BIN_DIR}:${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    [KEY_ENV]: KEY,
    // The caller's directory must not leak into an agent (opencode works in $PWD).
    PWD: repo,
    ...opts.env,
  };
  for (const name of Object.keys(process.env)) {
    if (/^(ANTHROPIC|OPENAI|CODEX|GEMINI|GOOGLE|OPENCODE|CLAUDE)_/.test(name)) env[name] = undefined;
  }
  const before = { head: git(repo, ['rev-parse', 'HEAD']).trim(), main: git(repo, ['rev-parse', 'refs/heads/main']).trim(), status: git(repo, ['status', '--porcelain']) };
  return { repo, home, server, env, before, close: () => server.close() };
}

/** `wtagents new --task … --agent X --run` from the main checkout; waits until the run settles. */
export async function newAndRun(w: World, agent: string, task: string): Promise<TaskRecord> {
  const t = runJson<TaskRecord>(['new', '--task', task, '--agent', agent, '--run'], { cwd: w.repo, env: w.env, timeoutMs: 60_000 });
  trackTask(t.taskDir);
  return waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], RUN_TIMEOUT_MS);
}

/** Request changes with `feedback` and wait for the next round to settle. */
export async function requestChanges(w: World, t: TaskRecord, feedback: string): Promise<TaskRecord> {
  const r = runCli(['review', t.id, '--request-changes', feedback, '--yes'], { cwd: w.repo, env: w.env, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`review --request-changes failed (${r.code}): ${r.stderr}`);
  const round = t.round + 1;
  await waitFor(() => readRecord(t.taskDir).round >= round);
  return waitSettled(t.taskDir, ['done', 'failed', 'stopped', 'interrupted'], RUN_TIMEOUT_MS);
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the next round');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function events(t: TaskRecord, type?: string, round?: number): TraceEvent[] {
  return traceEvents(t.taskDir).filter((e) => (type === undefined || e.type === type) && (round === undefined || e.round === round));
}

/** Everything a failing assertion should show: state, the trace's errors and the agent's stderr tail. */
export function explain(t: TaskRecord, w: World): string {
  const logs = runCli(['logs', t.id], { cwd: w.repo, env: w.env });
  const stderr = path.join(t.taskDir, 'logs');
  const tails = existsSync(stderr) ? readFileSync(path.join(stderr, `round-${t.round}-implement.stderr.log`), 'utf8').slice(-3000) : '';
  const reqs = w.server.requests.map((r) => `${r.seq} ${r.method} ${r.path} ${r.model ?? ''} ${r.reply}`).join('\n');
  return `state ${readRecord(t.taskDir).state}\n--- logs\n${logs.stdout.slice(-4000)}\n--- stderr\n${tails}\n--- server\n${reqs}`;
}

export function cli(w: World, args: string[]): CliResult {
  return runCli(args, { cwd: w.repo, env: w.env, timeoutMs: 60_000 });
}
