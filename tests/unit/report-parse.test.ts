import { describe, expect, it } from 'vitest';
import { matchHeading, parseReport, recommend } from '../../src/core/report-parse.js';

describe('parseReport', () => {
  it('reads the packet sections in markdown headings and picks out the recommendation', () => {
    const report = [
      '## Summary of changes',
      'Fixed the redirect loop.',
      '',
      '## Files touched',
      '- src/auth.ts',
      '## Test/build commands run',
      '`npm test` — passed',
      '## Risks and assumptions',
      'None known.',
      '## git diff --stat',
      ' src/auth.ts | 4 ++--',
      '## Merge recommendation',
      '**Merge** — all checks pass.',
    ].join('\n');
    const r = parseReport(report);
    expect(r.sections['Summary of changes']).toBe('Fixed the redirect loop.');
    expect(r.sections['Files touched']).toBe('- src/auth.ts');
    expect(r.sections['git diff --stat']).toBe('src/auth.ts | 4 ++--');
    expect(r.recommendation).toEqual({ verdict: 'merge', text: 'Merge — all checks pass.' });
  });

  it('reads numbered bold headings with the content on the same line', () => {
    const r = parseReport('1. **Summary of changes**: added a flag\n6. **Merge recommendation**: request changes — tests are missing\n');
    expect(r.sections['Summary of changes']).toBe('added a flag');
    expect(r.recommendation?.verdict).toBe('request-changes');
    expect(r.recommendation?.text).toBe('request changes — tests are missing');
  });

  it('takes prose for prose, not headings', () => {
    expect(matchHeading('Summary of changes is below')).toBeNull();
    expect(matchHeading('**Files touched were many**')).toBeNull();
    expect(matchHeading('Files touched:')).toEqual({ section: 'Files touched', rest: '' });
    expect(matchHeading('### MERGE RECOMMENDATION')).toEqual({ section: 'Merge recommendation', rest: '' });
  });

  it('falls back to a line that recommends, and gives null without one', () => {
    expect(parseReport('Done.\nI recommend we abandon this approach.').recommendation?.verdict).toBe('abandon');
    expect(parseReport('Just a message.').recommendation).toBeNull();
  });
});

describe('recommend', () => {
  it('takes the verdict named first; a negated merge is unclear', () => {
    expect(recommend('merge').verdict).toBe('merge');
    expect(recommend('Safe to merge.').verdict).toBe('merge');
    expect(recommend('Request changes: then merge').verdict).toBe('request-changes');
    expect(recommend('Do not merge yet; needs work').verdict).toBe('unclear');
    expect(recommend('abandon').verdict).toBe('abandon');
    expect(recommend('no idea').verdict).toBe('unclear');
  });

  it('shows the words without inline markdown, as agents often write them', () => {
    expect(recommend('**merge**: small and tested')).toEqual({ verdict: 'merge', text: 'merge: small and tested' });
    expect(recommend('- `request changes` — the check fails').text).toBe('request changes — the check fails');
  });
});
