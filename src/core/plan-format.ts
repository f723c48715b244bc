// `wtagents run --print`: step plans shown as text or JSON with secret values masked.
// A minimal local formatter; the adapters work brings a richer describePlans.
import { shellJoin } from './shell-quote.js';

/** The parts of a step plan that are shown (structurally a subset of runner/types StepPlan). */
export interface PlanView {
  step: string;
  agent: string;
  argv: string[];
  env: Record<string, string>;
  secretEnv: string[];
  format: string;
  packetOnStdin: boolean;
  model?: string;
  baseUrl?: string;
  sessionId?: string;
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|AUTH|CREDENTIAL/i;
export const MASK = '***';

/** The plan with every secret env value replaced by ***. */
export function maskPlan<T extends PlanView>(plan: T): T {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(plan.env)) {
    env[name] = plan.secretEnv.includes(name) || SECRET_NAME.test(name) ? MASK : value;
  }
  return { ...plan, env };
}

/** Human text for a run's plans: per step its agent, command line, env (masked) and stdin. */
export function describePlanText(plans: readonly PlanView[], packetPath: string): string {
  const out: string[] = [];
  plans.forEach((raw, i) => {
    const p = maskPlan(raw);
    out.push(`step ${i + 1}: ${p.step} — agent ${p.agent} (format ${p.format}${p.model ? `, model ${p.model}` : ''})`);
    out.push(`  command  ${shellJoin(p.argv)}`);
    const names = Object.keys(p.env).sort();
    if (names.length === 0) out.push('  env      (nothing added)');
    names.forEach((n, j) => out.push(`  ${j === 0 ? 'env     ' : '        '} ${n}=${p.env[n]}`));
    out.push(`  stdin    ${p.packetOnStdin ? packetPath : '(none)'}`);
    if (p.baseUrl) out.push(`  base URL ${p.baseUrl}`);
    if (p.sessionId) out.push(`  session  ${p.sessionId}`);
  });
  return out.join('\n');
}
