// Secret-looking text in added lines: private keys, cloud keys, tokens. Findings are masked, never echoed whole.

export interface SecretPattern {
  id: string;
  /** What the finding is called in the evidence. */
  label: string;
  re: RegExp;
}

/** Patterns for credentials that should never be committed. The first capture group (if any) is the secret. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { id: 'private-key', label: 'private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { id: 'aws-access-key', label: 'AWS access key id', re: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16})\b/ },
  {
    id: 'aws-secret-key',
    label: 'AWS secret access key',
    re: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
  },
  { id: 'github-token', label: 'GitHub token', re: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,})\b/ },
  { id: 'github-pat', label: 'GitHub token', re: /\b(github_pat_[A-Za-z0-9_]{22,})\b/ },
  { id: 'gitlab-token', label: 'GitLab token', re: /\b(glpat-[A-Za-z0-9_-]{20,})\b/ },
  { id: 'slack-token', label: 'Slack token', re: /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/ },
  { id: 'google-api-key', label: 'Google API key', re: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/ },
  { id: 'stripe-key', label: 'Stripe secret key', re: /\b((?:sk|rk)_live_[0-9A-Za-z]{20,})\b/ },
  { id: 'anthropic-key', label: 'Anthropic API key', re: /\b(sk-ant-[A-Za-z0-9_-]{20,})/ },
  { id: 'openai-key', label: 'OpenAI API key', re: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,})/ },
  { id: 'npm-token', label: 'npm token', re: /\b(npm_[A-Za-z0-9]{36})\b/ },
  { id: 'jwt', label: 'JSON web token', re: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/ },
  {
    id: 'url-credentials',
    label: 'password in a URL',
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s:/@'"]{6,})@[^\s'"]+/i,
  },
  {
    id: 'assigned-secret',
    label: 'hard-coded secret',
    re: /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret)["']?\s*[:=]\s*["']([^"'\s]{8,})["']/i,
  },
];

/** Values that look like assignments but are obviously not secrets. */
const PLACEHOLDER = /^(?:\$\{?[A-Z_][A-Z0-9_]*\}?|<[^>]*>|x{6,}|\*{6,}|changeme|password|example|dummy|test|placeholder|your[_-].*|process\.env\..*)$/i;

export interface SecretFinding {
  id: string;
  label: string;
  /** The match with its middle masked (first 4 and last 2 characters kept). */
  masked: string;
}

/** Every secret-looking match in one line of text (at most one per pattern). */
export function findSecrets(line: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  let sawOpenAiAsAnthropic = false;
  for (const p of SECRET_PATTERNS) {
    const m = p.re.exec(line);
    if (!m) continue;
    const value = m[1] ?? m[0];
    if (p.id === 'assigned-secret' && PLACEHOLDER.test(value)) continue;
    if (p.id === 'anthropic-key') sawOpenAiAsAnthropic = true;
    if (p.id === 'openai-key' && (sawOpenAiAsAnthropic || value.startsWith('sk-ant-'))) continue;
    out.push({ id: p.id, label: p.label, masked: p.id === 'private-key' ? m[0] : mask(value) });
  }
  return out;
}

/** Keep enough of a secret to recognise it, never enough to use it. */
export function mask(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(Math.min(12, value.length - 6))}${value.slice(-2)}`;
}
