// The review's status rows: the feedback box (request changes), the search being typed, or text — a
// question waiting for its key, work in progress, the last message (errors red), a summary — wrapped to
// at most STATUS_MAX_ROWS rows so a refusal's reason and fix are read whole.
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { oneRow, typedText } from '../../src/core/terminal-text.js';
import type { Tone } from '../../src/core/trace-format.js';
import { useKeyHint } from '../key-stack.js';
import { theme, toneColor } from '../theme.js';
import { wrapText } from '../../src/app/review-view.js';

export const STATUS_MAX_ROWS = 3;

export type StatusContent =
  | { kind: 'feedback'; label: string; value: string }
  | { kind: 'search'; query: string }
  | { kind: 'text'; text: string; tone: Tone; bold?: boolean };

/** The rows `content` takes at `width` columns. */
export function statusRows(content: StatusContent, width: number): string[] | null {
  if (content.kind !== 'text') return null;
  return wrapText(oneRow(content.text), width).slice(0, STATUS_MAX_ROWS);
}

export interface ReviewStatusProps {
  content: StatusContent;
  width: number;
  active: boolean;
  onFeedback: (text: string) => void;
}

export function ReviewStatus({ content, width, active, onFeedback }: ReviewStatusProps) {
  const keyHint = useKeyHint();
  if (content.kind === 'feedback') {
    return (
      <Box width={width} height={1} overflow="hidden">
        <Text bold color={theme.warn}>
          {content.label}{' '}
        </Text>
        <TextInput
          value={content.value}
          focus={active}
          placeholder="what the agent should change"
          onChange={(v) => onFeedback(typedText(v, ' '))}
        />
      </Box>
    );
  }
  if (content.kind === 'search') {
    return (
      <Box width={width} height={1} overflow="hidden">
        <Text wrap="truncate-end">
          /{oneRow(content.query)}
          <Text inverse> </Text>
          <Text dimColor>
            {' '}
            ({keyHint('prompt.submit')} finds, {keyHint('prompt.cancel')} cancels)
          </Text>
        </Text>
      </Box>
    );
  }
  const rows = statusRows(content, width)!;
  return (
    <Box width={width} height={rows.length} flexDirection="column" overflow="hidden">
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate-end" color={toneColor(content.tone)} dimColor={content.tone === 'dim'} bold={content.bold === true}>
          {r === '' ? ' ' : r}
        </Text>
      ))}
    </Box>
  );
}
