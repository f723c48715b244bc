// Trace rows, one terminal row each (time, glyph, text cut to the width), coloured by tone. Rows are keyed
// by their seq and memoised, so a new line only renders itself, not the rows it pushes up.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { TraceRow as Row } from '../../src/core/trace-format.js';
import { toneColor } from '../theme.js';

export function TraceRows({ rows, width, height, showTime }: { rows: readonly Row[]; width: number; height: number; showTime: boolean }) {
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      {rows.map((r) => (
        <TraceRow key={r.seq} row={r} showTime={showTime} />
      ))}
    </Box>
  );
}

const TraceRow = memo(function TraceRow({ row, showTime }: { row: Row; showTime: boolean }) {
  return (
    <Text wrap="truncate-end">
      {showTime && row.time !== '' && <Text dimColor>{row.time} </Text>}
      <Text color={toneColor(row.tone)} dimColor={row.tone === 'dim'}>
        {row.glyph} {row.text}
      </Text>
    </Text>
  );
});
