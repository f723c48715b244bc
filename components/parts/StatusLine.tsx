// One row above the footer: a question waiting for y/n, the last message (errors red), or a hint.
import { Box, Text } from 'ink';
import { oneRow } from '../../src/core/terminal-text.js';
import type { Confirm, StatusMessage } from '../state/app.js';
import { theme } from '../theme.js';

export function StatusLine({ width, confirm, message, hint }: { width: number; confirm: Confirm | null; message: StatusMessage | null; hint: string }) {
  return (
    <Box width={width} height={1} overflow="hidden">
      {confirm ? (
        <Text bold color="yellow" wrap="truncate-end">
          {confirm.question} (y/n)
        </Text>
      ) : message ? (
        <Text color={message.tone === 'error' ? theme.error : undefined} wrap="truncate-end">
          {oneRow(message.text)}
        </Text>
      ) : (
        <Text dimColor wrap="truncate-end">
          {hint}
        </Text>
      )}
    </Box>
  );
}
