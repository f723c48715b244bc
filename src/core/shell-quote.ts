// The one shell-quoting function used by every generated script: any string becomes one inert word.

/**
 * Quote a value for POSIX shells (sh, bash, zsh). The result is always a single word whose
 * content is taken literally: no expansion of `$`, backticks, globs, `;`, newlines or quotes.
 * NUL cannot be carried by any shell word, so it is refused rather than silently dropped.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('cannot quote a value that contains a NUL byte');
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quote each word and join them into one command line. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
