// The evidence tab: a title row, then the visible slice of the evidence rows (src/review/evidence-rows.ts),
// coloured by tone.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Tone } from '../../src/core/trace-format.js';
import { theme, toneColor } from '../theme.js';
import type { EvidenceRow } from '../../src/app/types.js';

export interface EvidencePaneProps {
  rows: readonly EvidenceRow[] | null;
  top: number;
  height: number;
  width: number;
  error: string | null;
}

export function EvidencePane({ rows, top, height, width, error }: EvidencePaneProps) {
  const visible = rows ? rows.slice(top, top + height) : [];
  const where = rows && rows.length > height ? ` · rows ${top + 1}–${Math.min(rows.length, top + height)} of ${rows.length}` : '';
  return (
    <Box width={width} height={height + 1} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end" bold color={theme.accent}>
        Evidence<Text dimColor>{where}</Text>
      </Text>
      {rows === null ? (
        <Text dimColor={error === null} color={error === null ? undefined : theme.error} wrap="truncate-end">
          {error ?? 'collecting the evidence…'}
        </Text>
      ) : (
        visible.map((r, i) => <Row key={i} text={r.text} tone={r.tone} bold={r.bold === true} />)
      )}
    </Box>
  );
}

const Row = memo(function Row({ text, tone, bold }: { text: string; tone: Tone; bold: boolean }) {
  return (
    <Text wrap="truncate-end" color={toneColor(tone)} dimColor={tone === 'dim'} bold={bold}>
      {text === '' ? ' ' : text}
    </Text>
  );
});
