// Reading a VHS tape (demo.tape) into steps a test can replay in tmux: typed text, keys, sleeps, waits.
// Settings VHS needs for recording (Output, Set, Require, Hide, Show) do not change what is pressed.

export type TapeStep =
  | { kind: 'type'; text: string }
  | { kind: 'key'; key: string; count: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'wait'; pattern: RegExp; timeoutMs: number; line: number }
  | { kind: 'env'; name: string; value: string };

/** VHS key commands → the key-table names TmuxSession.press understands. */
const KEYS: Record<string, string> = {
  Enter: 'enter',
  Space: 'space',
  Backspace: 'backspace',
  Tab: 'tab',
  Escape: 'esc',
  Up: 'up',
  Down: 'down',
  Left: 'left',
  Right: 'right',
  PageUp: 'pgup',
  PageDown: 'pgdn',
};

const IGNORED = new Set(['Output', 'Set', 'Require', 'Hide', 'Show', 'Screenshot', 'Source']);

function duration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!m) throw new Error(`bad duration: ${text}`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

/** A quoted VHS string ("…", '…' or `…`) at the start of `rest`. */
function quoted(rest: string): string {
  const m = /^(["'`])([\s\S]*)\1$/.exec(rest.trim());
  if (!m) throw new Error(`expected a quoted string: ${rest}`);
  return m[2]!;
}

export function parseTape(text: string): TapeStep[] {
  const steps: TapeStep[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [head = '', ...restWords] = line.split(/\s+/);
    const rest = line.slice(head.length).trim();
    const [command = '', speed] = head.split('@');
    if (IGNORED.has(command)) return;
    if (command === 'Type') steps.push({ kind: 'type', text: quoted(rest) });
    else if (command === 'Sleep') steps.push({ kind: 'sleep', ms: duration(rest) });
    else if (command === 'Env') {
      const [name = '', ...value] = restWords;
      steps.push({ kind: 'env', name, value: quoted(value.join(' ')) });
    } else if (command.startsWith('Wait')) {
      const m = /^\/(.*)\/$/.exec(rest);
      if (!m) throw new Error(`line ${i + 1}: Wait needs a /regex/`);
      steps.push({ kind: 'wait', pattern: new RegExp(m[1]!), timeoutMs: speed ? duration(speed) : 15_000, line: i + 1 });
    } else if (KEYS[command]) steps.push({ kind: 'key', key: KEYS[command]!, count: rest === '' ? 1 : Number(rest) });
    else if (/^Ctrl\+[A-Za-z]$/.test(command)) steps.push({ kind: 'key', key: `ctrl+${command.slice(5).toLowerCase()}`, count: 1 });
    else throw new Error(`line ${i + 1}: unknown tape command ${command}`);
  });
  return steps;
}
