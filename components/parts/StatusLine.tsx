// One row above the footer: a question waiting for yes/no (its keys from the key table), the last message (errors red), or a hint.
import { Box, Text } from 'ink';
import { oneRow } from '../../src/core/terminal-text.js';
import { useKeyHint } from '../key-stack.js';
import type { Confirm, StatusMessage } from '../state/app.js';
import { theme } from '../theme.js';

export function StatusLine({ width, confirm, message, hint }: { width: number; confirm: Confirm | null; message: StatusMessage | null; hint: string }) {
  const keyHint = useKeyHint();
  return (
    <Box width={width} height={1} overflow="hidden">
      {confirm ? (
        <Text bold color="yellow" wrap="truncate-end">
          {confirm.question} ({keyHint('confirm.yes')}/{keyHint('confirm.no')})
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
