// Step plans as text for `wtagents run <id> --print`: exact command lines and env per step, secrets masked.
import { shellJoin, shellQuote } from '../core/shell-quote.js';
import type { StepPlan } from './types.js';

export const MASK = '***';

/** Env var names whose values are secret even when a plan does not say so. */
const SECRET_NAME = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;

/** Token shapes that are secret wherever they appear (argv, env values). */
const SECRET_VALUE = [
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, // OpenAI, Anthropic (sk-ant-…), OpenRouter (sk-or-…), Stripe-like
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
];

/** Replace secret-looking tokens inside a text with MASK. */
export function maskSecrets(text: string): string {
  return SECRET_VALUE.reduce((t, re) => t.replace(re, MASK), text);
}

/** The value shown for one env var: masked entirely when it is secret by plan or by name. */
export function shownEnvValue(plan: StepPlan, name: string): string {
  const value = plan.env[name] ?? '';
  if (value !== '' && (plan.secretEnv.includes(name) || SECRET_NAME.test(name))) return MASK;
  return maskSecrets(value);
}

export interface DescribeOptions {
  /** The packet fed on stdin, shown as `< PATH`. */
  packetPath?: string;
  /** A step's own packet (role packets), over packetPath. */
  packetOf?: (plan: StepPlan) => string | undefined;
  /** The directory the agent runs in. */
  cwd?: string;
}

/** A shell word, or a readable stand-in when the value cannot be a shell word (NUL). */
function quote(word: string): string {
  return word.includes('\0') ? "'<contains NUL>'" : shellQuote(word);
}

/**
 * Each step: its agent, model, base URL and session; its env (secret values masked); and the exact
 * command line (shell-quoted, with `< packet` when the packet goes to stdin). Pure: runs nothing.
 */
export function describePlans(plans: readonly StepPlan[], opts: DescribeOptions = {}): string {
  if (plans.length === 0) return 'No steps to run.\n';
  const out: string[] = [];
  plans.forEach((plan, i) => {
    const facts = [`agent ${plan.agent}`, `format ${plan.format}`];
    if (plan.model) facts.push(`model ${plan.model}`);
    if (plan.baseUrl) facts.push(`base URL ${maskSecrets(plan.baseUrl)}`);
    if (plan.permissions) facts.push(`permissions ${plan.permissions}`);
    out.push(`Step ${i + 1} of ${plans.length}: ${plan.step} (${facts.join(', ')})`);
    if (opts.cwd) out.push(`  cwd      ${quote(opts.cwd)}`);
    if (plan.sessionId) out.push(`  session  ${plan.sessionId} (${plan.resumed ? 'resumed' : 'new'})`);
    else if (plan.resumed) out.push('  session  continues the previous conversation');
    const names = Object.keys(plan.env).sort();
    names.forEach((name, j) => {
      const shown = shownEnvValue(plan, name);
      out.push(`  ${j === 0 ? 'env      ' : '         '}${name}=${shown === MASK ? MASK : quote(shown)}`);
    });
    const words = plan.argv.map((w) => quote(maskSecrets(w)));
    const packet = opts.packetOf?.(plan) ?? opts.packetPath;
    const stdin = plan.packetOnStdin ? ` < ${packet ? quote(packet) : '(the packet)'}` : '';
    out.push(`  command  ${words.join(' ')}${stdin}`);
    for (const f of plan.files ?? []) out.push(`  writes   ${quote(f.path)}`);
    for (const note of plan.notes ?? []) out.push(`  note     ${note}`);
    if (i < plans.length - 1) out.push('');
  });
  return `${out.join('\n')}\n`;
}

