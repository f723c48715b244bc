import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from '../../src/core/shell-quote.js';

/** Let a real bash parse the quoted words and print each argument back, NUL-separated. */
function bashEcho(words: string[]): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${shellJoin(words)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const hostile = [
  '',
  ' ',
  "it's",
  '"double"',
  '$(touch /tmp/wtagents-pwned)',
  '`id`',
  '${HOME}',
  'a; rm -rf /',
  'line1\nline2\r\n',
  '*',
  '~',
  '-n',
  '\\',
  "'\\''",
  'ünïcødé 🙂 日本',
  '!!',
  '#comment',
  'tab\there',
  '\u001b[2J\u001b]0;title\u0007',
];

describe('shellQuote', () => {
  it('round-trips hostile values through a real bash unchanged', () => {
    expect(bashEcho(hostile)).toEqual(hostile);
  });

  it('round-trips random strings', () => {
    const words: string[] = [];
    for (let i = 0; i < 200; i++) {
      let s = '';
      const len = Math.floor(Math.random() * 20);
      for (let j = 0; j < len; j++) s += String.fromCharCode(1 + Math.floor(Math.random() * 0x7e));
      words.push(s);
    }
    expect(bashEcho(words)).toEqual(words);
  });

  it('leaves plain words readable', () => {
    expect(shellQuote('main')).toBe('main');
    expect(shellQuote('/tmp/a-b_c.txt')).toBe('/tmp/a-b_c.txt');
    expect(shellQuote('a b')).toBe("'a b'");
  });

  it('refuses NUL', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});
