// The selected file's diff: a title row (file, +/−, where we are), then only the rows on screen, each cut to
// the width (src/core/diff-view.ts) and coloured by line kind; search matches marked, the current one inverse.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { fileLabel, type DiffFile, type DiffLine, type LineKind } from '../../src/core/diff-parse.js';
import { cutToWidth, gutterWidth, visibleRows } from '../../src/core/diff-view.js';
import { DIFF_NUMBERS_MIN_WIDTH, diffTitleCounts, diffTitleLines } from '../../src/core/review-layout.js';
import type { SearchState } from '../state/review.js';
import { diffColor, theme } from '../theme.js';

export interface DiffPaneProps {
  file: DiffFile | null;
  lines: readonly DiffLine[] | null;
  top: number;
  /** Diff rows (the title row is extra). */
  height: number;
  width: number;
  search: SearchState;
  /** Why there is no diff to show (no branch, no changes, a load error). */
  empty: string | null;
  /** The line being chosen for a comment (marked), and the lines that have one (▍ in front). */
  cursor?: number | null;
  commented?: ReadonlySet<number>;
}

export function DiffPane({ file, lines, top, height, width, search, empty, cursor = null, commented }: DiffPaneProps) {
  const gutter = useMemo(() => (lines && width >= DIFF_NUMBERS_MIN_WIDTH ? { gutter: gutterWidth(lines) } : undefined), [lines, width]);
  const matches = useMemo(() => new Set(search.matches), [search.matches]);
  const current = search.current >= 0 ? search.matches[search.current] : undefined;
  const rows = lines ? visibleRows(lines, top, height, width, gutter) : [];
  let where = '';
  if (lines) where = diffTitleLines(lines.length, top, height);
  else if (file && empty === null) where = ' · loading…';
  const found = search.mode === 'active' ? ` · /${search.query}: ${search.matches.length === 0 ? 'no match' : `${search.current + 1} of ${search.matches.length}`}` : '';
  return (
    <Box width={width} height={height + 1} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end" bold>
        {file ? cutToWidth(fileLabel(file), width) : ''}
        <Text dimColor>
          {file ? diffTitleCounts(file) : ''}
          {where}
        </Text>
        <Text color={theme.accent}>{found}</Text>
      </Text>
      {empty !== null && lines === null ? (
        <Text dimColor wrap="truncate-end">
          {empty}
        </Text>
      ) : (
        rows.map((r, i) => (
          <DiffRow
            key={i}
            kind={r.kind}
            text={commented?.has(top + i) ? `▍${r.text.startsWith(' ') ? r.text.slice(1) : r.text}` : r.text}
            mark={top + i === cursor || top + i === current ? 'current' : matches.has(top + i) ? 'match' : null}
          />
        ))
      )}
    </Box>
  );
}

/** One diff row is one Text (rows are keyed by position: paging updates them in place). */
const DiffRow = memo(function DiffRow({ kind, text, mark }: { kind: LineKind; text: string; mark: 'current' | 'match' | null }) {
  return (
    <Text wrap="truncate-end" color={diffColor(kind)} bold={kind === 'file' || kind === 'hunk' || mark === 'match'} dimColor={kind === 'meta' || kind === 'note'} inverse={mark === 'current'} underline={mark === 'match'}>
      {text === '' ? ' ' : text}
    </Text>
  );
});
