// The key table: every screen's keys, overrides from config, key naming, footer and help built from it.
import { describe, expect, it } from 'vitest';
import { actionFor, bindingsFor, footerText, isKeyName, KEY_TABLE, keyName, resolveKeys, SCREENS, splitKeys } from '../../src/core/keys.js';

describe('key table', () => {
  it('has the DESIGN §7 keys, with no key bound twice on one screen', () => {
    const keys = (screen: string, action: string) => KEY_TABLE.find((b) => b.screen === screen && b.action === action)?.keys;
    expect(keys('dashboard', 'down')).toEqual(['j', 'down']);
    expect(keys('dashboard', 'up')).toEqual(['k', 'up']);
    expect(keys('dashboard', 'open')).toEqual(['enter']);
    expect(keys('dashboard', 'new')).toEqual(['n']);
    expect(keys('dashboard', 'stop')).toEqual(['s']);
    expect(keys('dashboard', 'rerun')).toEqual(['R']);
    expect(keys('dashboard', 'trace')).toEqual(['l']);
    expect(keys('dashboard', 'shell')).toEqual(['o']);
    expect(keys('dashboard', 'help')).toEqual(['?']);
    expect(keys('dashboard', 'quit')).toEqual(['q']);
    expect(keys('review', 'merge')).toEqual(['m']);
    expect(keys('review', 'request')).toEqual(['r']);
    expect(keys('review', 'abandon')).toEqual(['a']);
    expect(keys('review', 'nextFile')).toEqual([']']);
    expect(keys('review', 'focus')).toEqual(['tab']);
    expect(keys('review', 'evidence')).toEqual(['e']);
    expect(() => resolveKeys()).not.toThrow();
    for (const b of KEY_TABLE) for (const k of b.keys) expect(isKeyName(k), `${b.id}: ${k}`).toBe(true);
    for (const s of SCREENS) expect(KEY_TABLE.some((b) => b.screen === s)).toBe(true);
  });

  it('applies config overrides and refuses unknown actions, bad names and clashes in one line', () => {
    const t = resolveKeys({ 'dashboard.new': 'a', 'dashboard.quit': ['x', 'ctrl+q'] });
    expect(actionFor(t, 'dashboard', 'a')).toBe('new');
    expect(actionFor(t, 'dashboard', 'n')).toBeNull();
    expect(actionFor(t, 'dashboard', 'ctrl+q')).toBe('quit');
    expect(() => resolveKeys({ 'dashboard.fly': 'f' })).toThrow(/keys\.dashboard\.fly: unknown action/);
    expect(() => resolveKeys({ 'dashboard.new': 'nn' })).toThrow(/"nn" is not a key name/);
    expect(() => resolveKeys({ 'dashboard.new': [] })).toThrow(/at least one key/);
    expect(() => resolveKeys({ 'dashboard.new': 's' })).toThrow(/"s" is bound to both dashboard\.new and dashboard\.stop|"s" is bound to both dashboard\.stop and dashboard\.new/);
    // The same key on different screens is fine.
    expect(() => resolveKeys({ 'trace.back': 'n' })).not.toThrow();
  });

  it('names key presses the way the table does', () => {
    expect(keyName('j', {})).toBe('j');
    expect(keyName('R', { shift: true })).toBe('R');
    expect(keyName('', { upArrow: true })).toBe('up');
    expect(keyName('', { downArrow: true })).toBe('down');
    expect(keyName('', { return: true })).toBe('enter');
    expect(keyName('', { escape: true })).toBe('esc');
    expect(keyName('', { tab: true })).toBe('tab');
    expect(keyName('', { tab: true, shift: true })).toBe('shift+tab');
    expect(keyName('', { pageDown: true })).toBe('pgdn');
    expect(keyName('', { pageUp: true })).toBe('pgup');
    expect(keyName(' ', {})).toBe('space');
    expect(keyName('e', { ctrl: true })).toBe('ctrl+e');
    expect(keyName('pasted text', {})).toBeNull();
    expect(actionFor(resolveKeys(), 'dashboard', null)).toBeNull();
  });

  it('splits keys that arrived merged into one input, and nothing else', () => {
    expect(splitKeys('\tG', {})).toEqual(['tab', 'G']);
    expect(splitKeys('jj k', {})).toEqual(['j', 'j', 'space', 'k']);
    expect(splitKeys('j', {})).toBeNull();
    expect(splitKeys('héllo', {})).toBeNull(); // text, not keys
    expect(splitKeys('ab', { ctrl: true })).toBeNull();
  });

  it('builds the footer and the help from the same table, offering o only inside tmux', () => {
    const t = resolveKeys();
    expect(footerText(t, 'dashboard', { inTmux: true })).toBe('j/k move  enter review  n new  s stop  R rerun  l trace  o shell  ? help  q quit');
    expect(footerText(t, 'dashboard', { inTmux: false })).not.toContain('o shell');
    expect(footerText(resolveKeys({ 'dashboard.new': 'a' }), 'dashboard', { inTmux: false })).toContain('a new');
    const help = bindingsFor(t, 'dashboard', { inTmux: true });
    expect(help.map((b) => b.action)).toEqual(['down', 'up', 'open', 'new', 'stop', 'rerun', 'trace', 'shell', 'takeover', 'archive', 'clean', 'help', 'quit']);
    expect(footerText(t, 'trace', { inTmux: false })).toBe('j/k scroll  space/b page  g top  G end  ? help  q back');
  });
});
