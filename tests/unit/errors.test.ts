// How errors reach the user: one line, the exit code by kind, the stack only when WTAGENTS_DEBUG asks for it.
import { describe, expect, it } from 'vitest';
import { debugEnabled, errorReport, UsageError, UserError } from '../../src/core/errors.js';
import { singleLine } from '../../src/core/terminal-text.js';

describe('errorReport', () => {
  it('a user error: its message on one line, exit 1, no stack, no hint', () => {
    const r = errorReport(new UserError('not a git repository: /x'), { debug: false });
    expect(r).toEqual({ text: 'wtagents: not a git repository: /x\n', exitCode: 1 });
  });

  it('a usage error exits 2; a user error may choose its code', () => {
    expect(errorReport(new UsageError('give the task one way only'), { debug: false }).exitCode).toBe(2);
    expect(errorReport(new UserError('refused', 3), { debug: false }).exitCode).toBe(3);
  });

  it('a multi-line user message is folded into one line', () => {
    const r = errorReport(new UserError('config.json:\n  routes.x: unknown key\n'), { debug: false });
    expect(r.text).toBe('wtagents: config.json: routes.x: unknown key\n');
  });

  it('an unexpected error: its kind and first line, exit 1, and how to see the stack', () => {
    const r = errorReport(new TypeError('x is undefined\n    more detail'), { debug: false });
    expect(r.text).toBe('wtagents: TypeError: x is undefined (WTAGENTS_DEBUG=1 shows the stack)\n');
    expect(r.exitCode).toBe(1);
    expect(errorReport('a string was thrown', { debug: false }).text).toBe('wtagents: error: a string was thrown (WTAGENTS_DEBUG=1 shows the stack)\n');
  });

  it('debug adds the stack after the line', () => {
    const error = new UserError('boom');
    const r = errorReport(error, { debug: true, prefix: 'P:' });
    const lines = r.text.trimEnd().split('\n');
    expect(lines[0]).toBe('P: boom');
    expect(lines.slice(1).join('\n')).toBe(error.stack);
    expect(lines.slice(1).some((l) => /^\s+at /.test(l))).toBe(true);
  });
});

describe('debugEnabled', () => {
  it.each([
    [undefined, false], ['', false], ['0', false], ['false', false], ['FALSE', false], ['1', true], ['yes', true],
  ])('WTAGENTS_DEBUG=%s → %s', (value, expected) => {
    expect(debugEnabled(value === undefined ? {} : { WTAGENTS_DEBUG: value })).toBe(expected);
  });
});

describe('singleLine', () => {
  it('joins lines with single spaces and trims', () => {
    expect(singleLine('  a\n  b \r\n\n c\n')).toBe('a b c');
  });
});

describe('control sequences', () => {
  it('are stripped from the error line, user errors and others, and from the debug stack', () => {
    const evil = 'bad \u001b]0;title\u0007name\u001b[2J here';
    expect(errorReport(new UserError(evil), { debug: false }).text).toBe('wtagents: bad name here\n');
    expect(errorReport(new Error(evil), { debug: false }).text).toBe('wtagents: error: bad name here (WTAGENTS_DEBUG=1 shows the stack)\n');
    expect(errorReport(new Error(evil), { debug: true }).text).not.toContain('\u001b');
    expect(singleLine('a\u009b31m\nb')).toBe('a b');
  });
});
