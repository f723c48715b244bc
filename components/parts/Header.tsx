// The top row: repo, the branch new tasks start from, and how many tasks are in each state.
import { Box, Text } from 'ink';
import type { TaskState } from '../../src/core/lifecycle.js';
import { STATE_GLYPH, STATE_WORD } from '../../src/core/task-summary.js';
import { stateColor, theme } from '../theme.js';

export function Header({ repo, base, counts, width, compact }: { repo: string; base: string | null; counts: Array<[TaskState, number]>; width: number; compact: boolean }) {
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>{compact ? repo : `wtagents · ${repo}`}</Text>
        {base !== null && <Text dimColor>{compact ? ` ⎇${base}` : ` · base ${base}`}</Text>}
        {counts.length === 0 && <Text dimColor> · no tasks</Text>}
        {counts.map(([state, n]) => (
          <Text key={state} color={stateColor(state)}>
            {compact ? ` ${STATE_GLYPH[state]}${n}` : `  ${STATE_GLYPH[state]} ${n} ${STATE_WORD[state]}`}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
