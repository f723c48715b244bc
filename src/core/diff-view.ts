// Turning diff lines into terminal rows: control sequences stripped, tabs expanded, every row cut to
// the width in one pass that stops at the edge (a 20,000-character line costs no more than a short one).
import type { DiffLine, LineKind } from './diff-parse.js';
import { controlSequenceEnd, isControlChar } from './terminal-text.js';

/** Display width of one code point: 0 for controls and combining marks, 2 for wide East Asian and emoji. */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * The first `width` columns of `text` as safe terminal text: control sequences (terminal-text's one
 * definition) and control characters removed, tabs expanded to `tabSize` stops. Reads no further than it needs.
 */
export function cutToWidth(text: string, width: number, tabSize = 4): string {
  let out = '';
  let col = 0;
  let i = 0;
  const n = text.length;
  while (i < n && col < width) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    if (cp === 0x1b || (cp >= 0x90 && cp <= 0x9f)) {
      const end = controlSequenceEnd(text, i);
      if (end > i) {
        i = end;
        continue;
      }
    }
    if (cp === 9) {
      const spaces = Math.min(tabSize - (col % tabSize), width - col);
      out += ' '.repeat(spaces);
      col += spaces;
      i += 1;
      continue;
    }
    if (cp === 10 || isControlChar(cp)) {
      i += size;
      continue;
    }
    const w = charWidth(cp);
    if (col + w > width) break;
    out += text.slice(i, i + size);
    col += w;
    i += size;
  }
  return out;
}

export interface DiffRow {
  kind: LineKind;
  /** The row's text, already cut to the width. */
  text: string;
}

/** Width of the line-number gutter for a diff whose numbers go up to `max`. */
export function gutterWidth(lines: readonly DiffLine[]): number {
  let max = 0;
  for (const l of lines) max = Math.max(max, l.oldNo ?? 0, l.newNo ?? 0);
  return String(max).length;
}

/**
 * The rows a diff view of `height` rows by `width` columns shows when scrolled to `top`: only those
 * lines are touched. With `numbers`, each row starts with the old and new line numbers.
 */
export function visibleRows(lines: readonly DiffLine[], top: number, height: number, width: number, numbers?: { gutter: number }): DiffRow[] {
  const rows: DiffRow[] = [];
  const end = Math.min(lines.length, top + height);
  for (let i = Math.max(0, top); i < end; i++) {
    const l = lines[i]!;
    let prefix = '';
    if (numbers) {
      const g = numbers.gutter;
      prefix = `${l.oldNo === undefined ? ' '.repeat(g) : String(l.oldNo).padStart(g)} ${l.newNo === undefined ? ' '.repeat(g) : String(l.newNo).padStart(g)} `;
    }
    rows.push({ kind: l.kind, text: prefix.length >= width ? prefix.slice(0, width) : prefix + cutToWidth(l.text, width - prefix.length) });
  }
  return rows;
}
