// A terminal screen for tests of escape-sequence output: cursor moves (CSI row;col H, home), erase (CSI 2J, CSI J)
// and text are applied to a grid; colours and modes are read and left out. Returns the rows, trailing blanks cut.
import { charWidth } from '../../src/core/diff-view.js';

export function screenRows(output: string, columns: number, rows: number): string[] {
  const grid = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  let row = 0;
  let col = 0;
  const erase = (fromRow: number, fromCol: number) => {
    for (let r = fromRow; r < rows; r++) for (let c = r === fromRow ? fromCol : 0; c < columns; c++) grid[r]![c] = ' ';
  };
  for (let i = 0; i < output.length; ) {
    const csi = /^\u001b\[([0-?]*)([ -/]*)([@-~])/.exec(output.slice(i, i + 32));
    if (csi) {
      const [all, params, , final] = csi;
      if (final === 'H') [row, col] = (params || '1;1').split(';').map((n) => Number(n || 1) - 1) as [number, number];
      else if (final === 'J') erase(params === '2' ? 0 : row, params === '2' ? 0 : col);
      i += all.length;
      continue;
    }
    const ch = String.fromCodePoint(output.codePointAt(i)!);
    i += ch.length;
    if (ch === '\n') [row, col] = [row + 1, 0];
    else if (ch === '\r') col = 0;
    else if (row < rows && col < columns) {
      const w = Math.max(1, charWidth(ch.codePointAt(0)!));
      grid[row]![col] = ch;
      if (w === 2 && col + 1 < columns) grid[row]![col + 1] = ''; // the wide character's second column
      col += w;
    }
  }
  return grid.map((r) => r.join('').replace(/ +$/, ''));
}
