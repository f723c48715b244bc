// Agent text made safe to show: terminal control sequences removed, so an agent cannot retitle, clear or hijack the terminal.

// ESC-introduced sequences: CSI (ESC [ … final), OSC / DCS / SOS / PM / APC strings (up to BEL or ST),
// and two-character escapes (ESC + one char, e.g. ESC c full reset, ESC 7 save cursor).
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// 8-bit forms: CSI (0x9b) and string introducers (0x90 DCS, 0x9d OSC, 0x98 SOS, 0x9e PM, 0x9f APC) up to ST (0x9c) or BEL.
// eslint-disable-next-line no-control-regex
const C1_SEQUENCES = /\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u009c|\u0007|$)/g;
// Whatever control characters remain (C0 but tab and newline, DEL, C1), plus bidi overrides that reorder text.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Remove every terminal control sequence and control character; keeps tabs and newlines. */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(C1_SEQUENCES, '').replace(CONTROLS, '');
}

/** One display row: control sequences removed, tabs as spaces, every line break and run of blanks as one space. */
export function oneRow(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** Cut to at most `width` characters (code points), ending with … when cut. */
export function cut(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}
