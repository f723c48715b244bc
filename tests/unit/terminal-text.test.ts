// Agent text shown safely: no escape sequence or control character reaches the terminal.
import { describe, expect, it } from 'vitest';
import { cut, oneRow, stripControl } from '../../src/core/terminal-text.js';

describe('stripControl', () => {
  const cases: Array<[string, string, string]> = [
    ['retitle (OSC 0, BEL)', 'a\u001b]0;owned\u0007b', 'ab'],
    ['retitle (OSC 2, ST)', 'a\u001b]2;owned\u001b\\b', 'ab'],
    ['hyperlink (OSC 8)', '\u001b]8;;http://x\u0007link\u001b]8;;\u0007', 'link'],
    ['clear screen', 'x\u001b[2Jy\u001b[H', 'xy'],
    ['colours', '\u001b[31;1mred\u001b[0m', 'red'],
    ['private modes (alt screen, mouse)', '\u001b[?1049h\u001b[?1000hok', 'ok'],
    ['full reset', 'a\u001bcb', 'ab'],
    ['charset switch', 'a\u001b(0b', 'ab'],
    ['DCS string', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['8-bit CSI', 'a\u009b2Jb', 'ab'],
    ['8-bit OSC', 'a\u009d0;t\u009cb', 'ab'],
    ['bell, backspace, carriage return', 'a\u0007\u0008\rb', 'ab'],
    ['bidi override', 'a\u202eb\u2066c', 'abc'],
    ['unterminated OSC', 'a\u001b]0;never ends', 'a'],
  ];
  for (const [name, input, out] of cases) it(name, () => expect(stripControl(input)).toBe(out));

  it('keeps tabs, newlines and any printable text, emoji and CJK included', () => {
    expect(stripControl('a\tb\nc 日本 🚀 é')).toBe('a\tb\nc 日本 🚀 é');
  });
});

describe('oneRow and cut', () => {
  it('makes one row of any text', () => {
    expect(oneRow('  first\n\n second\tthird\r\n')).toBe('first second third');
  });
  it('cuts to a width with an ellipsis', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('abc', 4)).toBe('abc');
    expect(cut('abc', 1)).toBe('…');
    expect(cut('abc', 0)).toBe('');
  });
});
