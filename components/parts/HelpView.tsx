// The `?` help: every key of a screen, from the key table that also handles them, and why a key cannot act
// now when its screen says so (lazygit's GetDisabledReason).
import { Box, Text } from 'ink';
import { bindingsFor, displayKeys, type Screen } from '../../src/core/keys.js';
import { useServices } from '../context.js';
import { useDisabledReason } from '../key-stack.js';
import { theme } from '../theme.js';

const TITLES: Record<Screen, string> = {
  dashboard: 'dashboard',
  trace: 'full trace',
  newTask: 'new task',
  confirm: 'confirmation',
  prompt: 'a question (text box, search, line choice)',
  help: 'help',
  review: 'review',
  compare: 'compare attempts',
};

export function HelpView({ screen, width, height }: { screen: Screen; width: number; height: number }) {
  const { keys, inTmux } = useServices();
  const disabled = useDisabledReason();
  const rows = bindingsFor(keys, screen, { inTmux });
  const keyWidth = Math.min(14, Math.max(...rows.map((b) => displayKeys(b.keys).length)) + 2);
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text bold color={theme.accent} wrap="truncate-end">
        Keys: {TITLES[screen]}
      </Text>
      {rows.slice(0, Math.max(0, height - 1)).map((b) => {
        const reason = disabled(screen, b.action);
        return (
          <Box key={b.id} width={width} height={1}>
            <Text wrap="truncate-end" dimColor={reason !== null}>
              <Text bold>{displayKeys(b.keys).padEnd(keyWidth)}</Text>
              {b.help}
              {reason !== null && <Text color={theme.warn}> — not now: {reason}</Text>}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
