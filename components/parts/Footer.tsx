// The bottom row: the current screen's keys, built from the key table (the same one that handles them).
import { Box, Text } from 'ink';
import { footerText, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';

export function Footer({ screen, width }: { screen: Screen; width: number }) {
  const { keys, inTmux } = useServices();
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text dimColor wrap="truncate-end">
        {footerText(keys, screen, { inTmux })}
      </Text>
    </Box>
  );
}
