// The review's file list: status, +added −removed (or "bin"), path (cut from the left: the file name stays);
// only the rows that fit are rendered, the selected one marked › (and inverse while the list has the focus).
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DiffFile } from '../../src/core/diff-parse.js';
import { fileRowText } from '../../src/core/review-layout.js';
import { theme } from '../theme.js';

export interface FileListProps {
  files: readonly DiffFile[];
  selected: number;
  top: number;
  /** File rows (the title row is extra). */
  height: number;
  width: number;
  focused: boolean;
}

export function FileList({ files, selected, top, height, width, focused }: FileListProps) {
  const visible = files.slice(top, top + height);
  return (
    <Box width={width} height={height + 1} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end" bold color={focused ? theme.accent : undefined}>
        Files ({files.length}){files.length > height ? ` · ${selected + 1}/${files.length}` : ''}
      </Text>
      {visible.map((f, i) => (
        <FileRow key={i} file={f} width={width} selected={top + i === selected} focused={focused} />
      ))}
    </Box>
  );
}

const FileRow = memo(function FileRow({ file, width, selected, focused }: { file: DiffFile; width: number; selected: boolean; focused: boolean }) {
  const { text, counts } = fileRowText(file, width, selected);
  return (
    <Text wrap="truncate-end" inverse={selected && focused} bold={selected}>
      {text}
      <Text dimColor={!selected}>{counts}</Text>
    </Text>
  );
});
