// The review's file list: status, +added −removed (or "bin"), path (cut from the left: the file name stays);
// only the rows that fit are rendered, the selected one marked › (and inverse while the list has the focus).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { fileLabel, type DiffFile } from '../../src/core/diff-parse.js';
import { charWidth, cutToWidth } from '../../src/core/diff-view.js';
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
  const counts = file.binary ? 'bin' : file.uncounted ? '' : `+${file.added} −${file.removed}`;
  const room = Math.max(1, width - counts.length - 5);
  const label = cutLeft(fileLabel(file), room);
  const pad = ' '.repeat(Math.max(0, room - columns(label)));
  return (
    <Text wrap="truncate-end" inverse={selected && focused} bold={selected}>
      {`${selected ? '›' : ' '}${file.status} ${label}${pad} `}
      <Text dimColor={!selected}>{counts}</Text>
    </Text>
  );
});

function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += charWidth(ch.codePointAt(0)!);
  return n;
}

/** The last `width` columns of `text`, with … in front when cut (made safe like every row). */
function cutLeft(text: string, width: number): string {
  const safe = cutToWidth(text, Number.MAX_SAFE_INTEGER);
  if (columns(safe) <= width) return safe;
  const chars = [...safe];
  let out = '';
  let col = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = charWidth(chars[i]!.codePointAt(0)!);
    if (col + w > width) break;
    out = chars[i]! + out;
    col += w;
  }
  return `…${out}`;
}
