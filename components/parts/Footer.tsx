// The bottom row: the current screen's keys, built from the key table (the same one that handles them);
// a key that cannot act now (its screen says why: see help) is struck through.
import { Box, Text } from 'ink';
import { Fragment } from 'react';
import { footerEntries, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';
import { useDisabledReason } from '../key-stack.js';

export function Footer({ screen, width }: { screen: Screen; width: number }) {
  const { keys, inTmux } = useServices();
  const disabled = useDisabledReason();
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text dimColor wrap="truncate-end">
        {footerEntries(keys, screen, { inTmux }).map((e, i) => (
          <Fragment key={e.binding.id}>
            {i > 0 ? '  ' : ''}
            <Text strikethrough={disabled(screen, e.binding.action) !== null}>{e.text}</Text>
          </Fragment>
        ))}
      </Text>
    </Box>
  );
}
