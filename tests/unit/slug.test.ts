import { describe, expect, it } from 'vitest';
import { slugify, uniqueId, SLUG_MAX } from '../../src/core/slug.js';

/** A valid task id: lower-case words of letters and digits joined by single dashes, at most SLUG_MAX long. */
const isTaskId = (id: string) => id.length > 0 && id.length <= SLUG_MAX && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id);

describe('slugify', () => {
  it.each([
    ['Fix the login bug', 'fix-the-login-bug'],
    ['  Ünïcödé café — déjà vu  ', 'unicode-cafe-deja-vu'],
    ['first line\nsecond line', 'first-line'],
    ['\n\n  \nreal first\n', 'real-first'],
    ['$(touch /tmp/x); `rm -rf /` "quoted"', 'touch-tmp-x-rm-rf-quoted'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'task'],
    ['日本語だけ', 'task'],
    ['', 'task'],
    ['---', 'task'],
  ])('%j → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts to 60 characters without a trailing dash', () => {
    const slug = slugify(`${'word '.repeat(40)}`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(slug.endsWith('-')).toBe(false);
    expect(isTaskId(slug)).toBe(true);
  });

  it('always yields a valid id, whatever the input', () => {
    const samples = ['x'.repeat(100_000), '\u0000\u0001\u001b[31m', 'a/b\\c', ' . ', 'A_B', '🙂 smile'];
    for (const s of samples) expect(isTaskId(slugify(s))).toBe(true);
  });
});

describe('uniqueId', () => {
  it('adds -2, -3 to taken ids', () => {
    const taken = new Set(['fix', 'fix-2']);
    expect(uniqueId('fix', (id) => taken.has(id))).toBe('fix-3');
    expect(uniqueId('new', (id) => taken.has(id))).toBe('new');
  });

  it('keeps suffixed ids within the length limit', () => {
    const base = 'a'.repeat(SLUG_MAX);
    const id = uniqueId(base, (id) => id === base);
    expect(id).toBe(`${'a'.repeat(SLUG_MAX - 2)}-2`);
    expect(isTaskId(id)).toBe(true);
  });
});

describe('isTaskId', () => {
  it('refuses path tricks and empties', () => {
    for (const bad of ['', '..', 'a/b', '-a', 'a-', 'A', 'a--b', 'x'.repeat(61)]) expect(isTaskId(bad)).toBe(false);
  });
});
