// Where the review screen puts things, and the words of its header, a file-list row and the diff pane's title: one definition for the TUI's review
// screen (components/screens/ReviewScreen.tsx, FileList, DiffPane) and for the first paint `wtagents review ID`
// draws before the TUI has loaded (src/core/first-paint.ts), so the two agree to the column.
import { fileLabel, type DiffFile } from './diff-parse.js';
import { charWidth, cutToWidth } from './diff-view.js';
import { plural } from './format.js';
import { oneRow } from './terminal-text.js';

/** From this width the file list and the diff sit side by side; narrower, tab switches between them. */
export const REVIEW_WIDE_MIN_COLUMNS = 80;

/** The diff shows line numbers from this width up. */
export const DIFF_NUMBERS_MIN_WIDTH = 60;

export interface ReviewLayout {
  /** File list and diff side by side (a one-column border between them). */
  wide: boolean;
  listWidth: number;
  diffWidth: number;
  /** Rows of files or diff lines under the panes' title rows. */
  bodyRows: number;
}

/** The review screen on a `columns`×`rows` terminal with `statusRows` rows of status (header, pane title, status, footer around the body). */
export function reviewLayout(columns: number, rows: number, statusRows = 1): ReviewLayout {
  const wide = columns >= REVIEW_WIDE_MIN_COLUMNS;
  const listWidth = wide ? Math.min(40, Math.floor(columns * 0.3)) : columns;
  return { wide, listWidth, diffWidth: wide ? columns - listWidth - 1 : columns, bodyRows: Math.max(1, rows - 3 - statusRows) };
}

/** The review header's words around the task's state: its range and file count (with +/− once counted), and its round and title. */
export function reviewHeaderWords(
  task: { base: string; branch: string; round: number; title: string },
  totals: { files: number; added: number; removed: number } | null,
  counted: boolean,
): { range: string; round: string } {
  const files = totals ? ` · ${plural(totals.files, 'file')}${counted ? ` +${totals.added} −${totals.removed}` : ''}` : '';
  return { range: ` · ${task.base}...${task.branch}${files}`, round: ` · round ${task.round} · ${oneRow(task.title)}` };
}

/** The diff pane's title after the file's name: its counts (none until they are counted). */
export function diffTitleCounts(file: DiffFile): string {
  return file.binary ? ' binary' : file.uncounted ? '' : ` +${file.added} −${file.removed}`;
}

/** The diff pane's title after the counts: which of the file's `total` lines show, from `top`, `height` rows. */
export function diffTitleLines(total: number, top: number, height: number): string {
  return total === 0 ? ' · no textual changes' : ` · lines ${top + 1}–${Math.min(total, top + height)} of ${total}`;
}

/** A file-list row: marker, status and path (cut from the left: the file name stays), padded; then its counts. */
export function fileRowText(file: DiffFile, width: number, selected: boolean): { text: string; counts: string } {
  const counts = file.binary ? 'bin' : file.uncounted ? '' : `+${file.added} −${file.removed}`;
  const room = Math.max(1, width - counts.length - 5);
  const label = cutLeft(fileLabel(file), room);
  const pad = ' '.repeat(Math.max(0, room - textColumns(label)));
  return { text: `${selected ? '›' : ' '}${file.status} ${label}${pad} `, counts };
}

/** Display columns of safe terminal text. */
export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch.codePointAt(0)!);
  return n;
}

/** The last `width` columns of `text`, with … in front when cut (made safe like every row). */
function cutLeft(text: string, width: number): string {
  const safe = cutToWidth(text, Number.MAX_SAFE_INTEGER);
  if (textColumns(safe) <= width) return safe;
  const chars = [...safe];
  let out = '';
  let col = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = charWidth(chars[i]!.codePointAt(0)!);
    if (col + w > width) break;
    out = chars[i]! + out;
    col += w;
  }
  return `…${out}`;
}
