// Terminal safety: agent text with escape sequences and control characters removed before it is shown.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte ESC sequences, then lone C0/C1 controls.
// eslint-disable-next-line no-control-regex
const SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without terminal control sequences; tabs and newlines are kept. */
export function stripControl(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** One display line: controls stripped, newlines and tabs shown as spaces, cut to `max` characters. */
export function oneLine(text: string, max = 400): string {
  const flat = stripControl(text).replace(/\s*\n\s*/g, ' ⏎ ').replace(/\t/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
