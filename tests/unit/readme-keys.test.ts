// The README's key list is exactly what the key table generates. `npm run readme:keys` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysMarkdown, withKeysSection } from '../../src/core/keys-doc.js';
import { KEY_TABLE } from '../../src/core/keys.js';

const README = path.resolve(import.meta.dirname, '../../README.md');

describe('README key list', () => {
  it('matches the key table', () => {
    const readme = readFileSync(README, 'utf8');
    const expected = withKeysSection(readme);
    expect(expected, 'README.md has no <!-- keys:start … --> / <!-- keys:end --> markers').not.toBeNull();
    if (process.env.WTAGENTS_WRITE_README === '1' && expected !== readme) writeFileSync(README, expected!);
    else expect(readme, 'README key list is stale: run npm run readme:keys').toBe(expected);
  });

  it('lists every binding with its id, so a change to the table shows up', () => {
    const doc = keysMarkdown();
    for (const b of KEY_TABLE) expect(doc).toContain(`\`${b.id}\``);
    expect(doc).toContain('| `/` | `review.search` |'); // a key that is also displayKeys' separator
    const changed = KEY_TABLE.map((b) => (b.id === 'dashboard.new' ? { ...b, keys: ['a'] } : b));
    expect(keysMarkdown(changed)).not.toBe(doc);
  });
});
