// The program a shell command line starts with, when that is plain enough to look up on PATH before running.

const SHELL_WORDS = new Set([
  '.', ':', '[', '!', '{', '(', 'alias', 'bg', 'break', 'builtin', 'case', 'cd', 'command', 'continue', 'declare',
  'echo', 'eval', 'exec', 'exit', 'export', 'false', 'fg', 'for', 'function', 'if', 'jobs', 'kill', 'let', 'local',
  'printf', 'pwd', 'read', 'readonly', 'return', 'select', 'set', 'shift', 'source', 'test', 'time', 'trap', 'true',
  'type', 'ulimit', 'umask', 'unset', 'until', 'wait', 'while',
]);

/**
 * The first word of `cmd` when it names a program (not a builtin, keyword, assignment, or anything
 * quoted or expanded); null when it cannot be told without running a shell.
 */
export function firstCommandWord(cmd: string): string | null {
  const m = /^\s*([^\s;&|<>()]+)/.exec(cmd);
  if (!m) return null;
  const word = m[1]!;
  // Quotes, $, globs, ~, backslashes, assignments (VAR=x): leave them to the shell.
  if (!/^[A-Za-z0-9_./+@%-]+$/.test(word)) return null;
  if (SHELL_WORDS.has(word)) return null;
  return word;
}
