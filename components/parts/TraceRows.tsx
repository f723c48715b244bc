// Trace rows, one terminal row each (time, glyph, text cut to the width), coloured by tone.
import { Box, Text } from 'ink';
import type { TraceRow } from '../../src/core/trace-format.js';
import { toneColor } from '../theme.js';

export function TraceRows({ rows, width, height, showTime }: { rows: readonly TraceRow[]; width: number; height: number; showTime: boolean }) {
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      {rows.map((r, i) => (
        <Box key={`${r.seq}:${i}`} width={width} height={1}>
          <Text wrap="truncate-end">
            {showTime && r.time !== '' && <Text dimColor>{r.time} </Text>}
            <Text color={toneColor(r.tone)} dimColor={r.tone === 'dim'}>
              {r.glyph} {r.text}
            </Text>
          </Text>
        </Box>
      ))}
    </Box>
  );
}
