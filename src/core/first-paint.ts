// The review's first paint: what `wtagents review ID` draws on the terminal as soon as git has the first file's
// diff, before the TUI (React and Ink, ~150 ms to load) is there, the way `git diff | less` shows its first
// screen at once. It is laid out with the review screen's own geometry and row texts (review-layout.ts,
// diff-view.ts), so the TUI's first frame, drawn over it, only fills in what came later (the line counts, the
// evidence, the keys). Pure: it returns the bytes to write.
import { DIFF_KIND_COLOR, styles, type Style, type Styles } from './color.js';
import { fileLabel, type DiffFile, type DiffLine } from './diff-parse.js';
import { cutToWidth, gutterWidth, visibleRows } from './diff-view.js';
import { DIFF_NUMBERS_MIN_WIDTH, diffTitleCounts, diffTitleLines, fileRowText, reviewHeaderWords, reviewLayout, textColumns } from './review-layout.js';

export interface FirstPaintInput {
  columns: number;
  rows: number;
  task: { id: string; base: string; branch: string; state: string; round: number; title: string };
  files: readonly DiffFile[];
  /** The first file's diff lines. */
  lines: readonly DiffLine[];
  color: boolean;
}

const ESC = '\u001b[';
/** Enter the alternate screen, hide the cursor, clear: as Ink does when it takes the terminal. */
export const FIRST_PAINT_ENTER = `${ESC}?1049h${ESC}?25l${ESC}H${ESC}2J`;
/** Undo the paint when the TUI never came up: cursor shown, back to the normal screen. */
export const FIRST_PAINT_LEAVE = `${ESC}?25h${ESC}?1049l`;

type Segment = [text: string, style?: Style];

/** Whether a terminal this size shows the diff on the review's first screen (side by side, room for a row). */
export function paintable(columns: number, rows: number): boolean {
  return reviewLayout(columns, rows).wide && rows >= 5;
}

/**
 * The review screen as its first frame will show it, for as much as is known (header, file list, the first
 * file's diff; the status says loading). Null when that screen would not show the diff (a terminal narrower
 * than the side-by-side layout, or too small), or there is no file.
 */
export function firstPaint(i: FirstPaintInput): string | null {
  const layout = reviewLayout(i.columns, i.rows);
  const first = i.files[0];
  if (!paintable(i.columns, i.rows) || !first) return null;
  const s = styles(i.color);
  const out: string[] = [FIRST_PAINT_ENTER];
  const at = (row: number, col: number, segments: Segment[], width: number) => out.push(`${ESC}${row + 1};${col + 1}H${styledRow(segments, width)}`);

  const t = i.task;
  const boldDim: Style = (x) => s.bold(s.dim(x));
  const words = reviewHeaderWords(t, { files: i.files.length, added: 0, removed: 0 }, false);
  const header: Segment[] = [
    ['review', (x) => s.bold(s.cyan(x))],
    [` ${t.id}`, s.bold],
    [words.range, boldDim],
    [` · ${t.state}`, s.bold],
    [words.round, boldDim],
  ];
  at(0, 0, header, i.columns);

  const { listWidth, diffWidth, bodyRows } = layout;
  const many = i.files.length > bodyRows ? ` · 1/${i.files.length}` : '';
  at(1, 0, [[`Files (${i.files.length})${many}`, (x) => s.bold(s.cyan(x))]], listWidth);
  i.files.slice(0, bodyRows).forEach((f, n) => {
    const row = fileRowText(f, listWidth, n === 0);
    at(2 + n, 0, n === 0 ? [[row.text + row.counts, (x) => inverse(s, s.bold(x))]] : [[row.text], [row.counts, s.dim]], listWidth);
  });
  for (let r = 1; r <= bodyRows + 1; r++) at(r, listWidth, [['│', s.dim]], 1);

  const col = listWidth + 1;
  const lines = i.lines;
  at(1, col, [[cutToWidth(fileLabel(first), diffWidth), s.bold], [diffTitleCounts(first) + diffTitleLines(lines.length, 0, bodyRows), boldDim]], diffWidth);
  const numbers = diffWidth >= DIFF_NUMBERS_MIN_WIDTH ? { gutter: gutterWidth(lines) } : undefined;
  visibleRows(lines, 0, bodyRows, diffWidth, numbers).forEach((r, n) => at(2 + n, col, [[r.text === '' ? ' ' : r.text, kindStyle(s, r.kind)]], diffWidth));
  at(bodyRows + 2, 0, [['loading…', s.dim]], i.columns);
  return out.join('');
}

function kindStyle(s: Styles, kind: DiffLine['kind']): Style {
  const color = DIFF_KIND_COLOR[kind];
  const colored: Style = color ? s[color] : (x) => x;
  if (kind === 'file' || kind === 'hunk') return (x) => s.bold(colored(x));
  if (kind === 'meta' || kind === 'note') return (x) => s.dim(colored(x));
  return colored;
}

function inverse(s: Styles, text: string): string {
  return s.enabled ? `${ESC}7m${text}${ESC}27m` : text;
}

/** Styled segments on one row, cut to `width` columns (each segment is cut as safe terminal text). */
function styledRow(segments: Segment[], width: number): string {
  let left = width;
  let out = '';
  for (const [text, style] of segments) {
    if (left <= 0) break;
    const cut = cutToWidth(text, left);
    left -= textColumns(cut);
    out += style ? style(cut) : cut;
  }
  return out;
}
