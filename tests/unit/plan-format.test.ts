import { describe, expect, it } from 'vitest';
import { describePlanText, maskPlan, MASK } from '../../src/core/plan-format.js';

const plan = {
  step: 'implement',
  agent: 'claude',
  argv: ['claude', '-p', '--model', 'sonnet'],
  env: { ANTHROPIC_BASE_URL: 'https://gw.example', GATEWAY_CRED: 'sk-123', ANTHROPIC_AUTH_TOKEN: 'tok', MODEL: 'sonnet' },
  secretEnv: ['GATEWAY_CRED'],
  format: 'claude',
  packetOnStdin: true,
  model: 'sonnet',
};

describe('plan formatting', () => {
  it('masks declared secrets and secret-looking names, nothing else', () => {
    expect(maskPlan(plan).env).toEqual({ ANTHROPIC_BASE_URL: 'https://gw.example', GATEWAY_CRED: MASK, ANTHROPIC_AUTH_TOKEN: MASK, MODEL: 'sonnet' });
    expect(plan.env.GATEWAY_CRED).toBe('sk-123');
  });

  it('describes each step with its command, env and stdin', () => {
    const text = describePlanText([plan, { ...plan, step: 'review', env: {}, packetOnStdin: false }], '/t/packets/01.md');
    expect(text).not.toContain('sk-123');
    expect(text).not.toContain('tok');
    expect(text.split('\n')).toEqual([
      'step 1: implement — agent claude (format claude, model sonnet)',
      '  command  claude -p --model sonnet',
      '  env      ANTHROPIC_AUTH_TOKEN=***',
      '           ANTHROPIC_BASE_URL=https://gw.example',
      '           GATEWAY_CRED=***',
      '           MODEL=sonnet',
      '  stdin    /t/packets/01.md',
      'step 2: review — agent claude (format claude, model sonnet)',
      '  command  claude -p --model sonnet',
      '  env      (nothing added)',
      '  stdin    (none)',
    ]);
  });
});
