// The supervisor's lean stand-ins for node:crypto and ICU (src/store/random-uuid.ts, src/core/fingerprint.ts,
// compareText in src/core/task-summary.ts): UUIDs of the right shape that differ, fingerprints that are stable
// and tell texts apart, and the code-unit order that localeCompare gives on timestamps and task ids.
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/fingerprint.js';
import { compareText } from '../../src/core/task-summary.js';
import { randomUuid } from '../../src/store/random-uuid.js';

describe('lean helpers', () => {
  it('randomUuid gives version-4 UUIDs, all different', () => {
    const ids = Array.from({ length: 200 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fingerprint is 16 hex digits, the same for the same text, different for near texts', () => {
    const texts = ['', 'a', 'b', 'ab', 'ba', 'main checkout\0M file.txt', 'main checkout\0M file.txS', 'x'.repeat(100_000), `${'x'.repeat(99_999)}y`, 'é✓'];
    const prints = texts.map(fingerprint);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(prints).size).toBe(texts.length);
    expect(texts.map(fingerprint)).toEqual(prints);
  });

  it('compareText orders ISO timestamps and task ids as localeCompare does', () => {
    const words = ['2026-12-07T18:00:00.000Z', '2026-12-07T17:59:59.999Z', '2025-01-01T00:00:00.000Z', 'fix-login-3f2a', 'fix-login', 'fix-login-10', 'fix-login-9', 'add-2fa', 'a-b', 'ab', 'a1', ''];
    const byCodeUnits = [...words].sort(compareText);
    const byLocale = [...words].sort((a, b) => a.localeCompare(b));
    expect(byCodeUnits).toEqual(byLocale);
    expect(compareText('a', 'a')).toBe(0);
  });
});
