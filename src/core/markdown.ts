// Small markdown helpers for generated documents: fences that any text can sit inside safely.

/** A code fence longer than any backtick run inside `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `text` inside a fenced block (optionally with an info string). */
export function fenced(text: string, info = ''): string {
  const fence = fenceFor(text);
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Inline code for a value such as a path; falls back to a fenced form when it holds backticks or newlines. */
export function inlineCode(text: string): string {
  if (/[`\n\r]/.test(text)) return `\n\n${fenced(text)}\n\n`;
  return `\`${text}\``;
}

/** A bullet list, or `empty` when there are no items. */
export function bullets(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  return items.map((i) => `- ${i.replace(/\r?\n/g, ' ')}`).join('\n');
}
