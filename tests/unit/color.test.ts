// The colour decision (NO_COLOR, FORCE_COLOR, TERM=dumb, TTY) as a table, and styles that honour it.
import { describe, expect, it } from 'vitest';
import { colorEnabled, styles } from '../../src/core/color.js';
import { stripControl } from '../../src/core/terminal-text.js';

describe('colorEnabled', () => {
  const cases: Array<[string, Record<string, string>, boolean, boolean]> = [
    // name, env, isTTY, expected
    ['a terminal, nothing set', {}, true, true],
    ['a pipe, nothing set', {}, false, false],
    ['NO_COLOR=1 on a terminal', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR=0 still means no colour (any non-empty value)', { NO_COLOR: '0' }, true, false],
    ['NO_COLOR="" is as if unset', { NO_COLOR: '' }, true, true],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['FORCE_COLOR=1 on a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 on a pipe', { FORCE_COLOR: '3' }, false, true],
    ['FORCE_COLOR="" on a pipe (set means force)', { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=true on a pipe', { FORCE_COLOR: 'true' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', { FORCE_COLOR: 'false' }, true, false],
    ['FORCE_COLOR beats TERM=dumb', { FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
    ['TERM=dumb on a terminal', { TERM: 'dumb' }, true, false],
    ['TERM=xterm-256color on a pipe', { TERM: 'xterm-256color' }, false, false],
  ];
  it.each(cases)('%s', (_name, env, isTTY, expected) => {
    expect(colorEnabled({ env, isTTY })).toBe(expected);
  });
});

describe('styles', () => {
  it('wrap text in ANSI SGR codes when enabled', () => {
    const s = styles(true);
    expect(s.enabled).toBe(true);
    expect(s.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(s.red('x')).toBe('\u001b[31mx\u001b[39m');
    for (const style of [s.bold, s.dim, s.red, s.green, s.yellow, s.cyan]) {
      expect(style('text')).not.toBe('text');
      expect(stripControl(style('text'))).toBe('text');
    }
  });

  it('return the text unchanged when disabled', () => {
    const s = styles(false);
    expect(s.enabled).toBe(false);
    for (const style of [s.bold, s.dim, s.red, s.green, s.yellow, s.cyan]) expect(style('a\u001b b')).toBe('a\u001b b');
  });
});
