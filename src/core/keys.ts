// The key table (DESIGN §7): every key of every screen, as data. It drives input, the footer and the `?` help.
import { UserError } from './errors.js';

export const SCREENS = ['dashboard', 'trace', 'newTask', 'confirm', 'prompt', 'help', 'review', 'compare'] as const;
export type Screen = (typeof SCREENS)[number];

export interface KeyBinding<S extends Screen = Screen> {
  /** `screen.action`, the id used in config `keys` overrides. */
  id: ActionId;
  screen: S;
  action: Action<S>;
  /** Key names (see keyName): printable characters as typed, or up, down, enter, esc, tab, space, pgup, pgdn, ctrl+x … */
  keys: readonly string[];
  /** A word or two for the footer. */
  label: string;
  /** One line for the help screen. */
  help: string;
  /** Shown in the footer (the help screen shows every binding). */
  footer: boolean;
  /** Only offered when this holds (e.g. inside tmux). */
  needs?: 'tmux';
}

type Row = readonly [action: string, keys: readonly string[], label: string, help: string, footer?: boolean, needs?: 'tmux'];

const ROWS = {
  dashboard: [
    ['down', ['j', 'down'], 'move', 'select the next task'],
    ['up', ['k', 'up'], 'move', 'select the previous task', false],
    ['open', ['enter'], 'review', 'review the selected task: diff, evidence, merge, request changes or abandon (best of N: compare first)'],
    ['new', ['n'], 'new', 'make a new task and start its agent'],
    ['stop', ['s'], 'stop', 'stop the selected task’s agent (asks first)'],
    ['rerun', ['R'], 'rerun', 'run the selected task’s agent again'],
    ['trace', ['l'], 'trace', 'the selected task’s full trace, pageable'],
    ['shell', ['o'], 'shell', 'open a shell on the task’s worktree in a new tmux split', true, 'tmux'],
    ['takeover', ['i'], 'take over', 'work in the task’s agent CLI yourself, resumed on its session; then it is ready for review', false],
    ['archive', ['A'], 'archive', 'free the selected task’s worktree, its work saved as a patch and proven first (asks first)', false],
    ['clean', ['C'], 'clean', 'free the disk of finished tasks (merged, abandoned, failed a week ago), losing nothing (asks first)', false],
    ['help', ['?'], 'help', 'every key of this screen'],
    ['quit', ['q'], 'quit', 'leave wtagents (agents keep running)'],
  ],
  trace: [
    ['down', ['j', 'down'], 'scroll', 'one line down'],
    ['up', ['k', 'up'], 'scroll', 'one line up', false],
    ['pageDown', ['space', 'pgdn'], 'page', 'one page down'],
    ['pageUp', ['b', 'pgup'], 'page', 'one page up', false],
    ['top', ['g', 'home'], 'top', 'the first line'],
    ['bottom', ['G', 'end'], 'end', 'the last line, and follow new ones'],
    ['help', ['?'], 'help', 'every key of this screen'],
    ['back', ['q', 'esc'], 'back', 'back to the dashboard'],
  ],
  newTask: [
    ['next', ['tab'], 'next field', 'go to the next field'],
    ['prev', ['shift+tab'], 'previous', 'go to the previous field', false],
    ['submit', ['enter'], 'create', 'create the task and start its agent (in a list: pick and go on)'],
    ['editor', ['ctrl+e'], '$EDITOR', 'write the task text in $EDITOR'],
    ['cancel', ['esc'], 'cancel', 'leave the form; nothing is created'],
  ],
  confirm: [
    ['yes', ['y'], 'yes', 'do it'],
    ['no', ['n', 'esc'], 'no', 'don’t'],
  ],
  prompt: [
    ['submit', ['enter'], 'take it', 'send what was typed (feedback, a comment, a search) or take the chosen line'],
    ['cancel', ['esc'], 'cancel', 'leave the question; nothing is sent'],
  ],
  help: [['back', ['q', 'esc', '?'], 'back', 'close the help']],
  review: [
    ['down', ['j', 'down'], 'move', 'the next file (file list) or line (diff)'],
    ['up', ['k', 'up'], 'move', 'the previous file or line', false],
    ['pageDown', ['space', 'pgdn'], 'page', 'one page down'],
    ['pageUp', ['b', 'pgup'], 'page', 'one page up', false],
    ['top', ['g', 'home'], 'top', 'the first file or line', false],
    ['bottom', ['G', 'end'], 'end', 'the last file or line', false],
    ['nextFile', [']'], 'file', 'the next file'],
    ['prevFile', ['['], 'file', 'the previous file', false],
    ['focus', ['tab'], 'files/diff', 'switch between the file list and the diff'],
    ['evidence', ['e'], 'evidence', 'checks, risk flags, leftovers, cost, the agent’s report (e again: the diff)'],
    ['merge', ['m'], 'merge', 'merge the task’s branch into its base (asks first)'],
    ['request', ['r'], 'request', 'request changes: send the agent back with your notes (enter sends, esc cancels)'],
    ['abandon', ['a'], 'abandon', 'drop the work, keeping a patch (asks first)'],
    ['pr', ['p'], 'pull request', 'push the branch and open a pull request (gh/glab), its body from the evidence (asks first)'],
    ['prDraft', ['P'], 'draft PR', 'the same, as a draft pull request (asks first)', false],
    ['search', ['/'], 'search', 'search the diff (enter finds, esc clears)'],
    ['searchNext', ['n'], 'next match', 'the next match of the search', false],
    ['searchPrev', ['N'], 'previous match', 'the previous match of the search', false],
    ['comment', ['c'], 'comment', 'comment on a line of the diff: j/k choose it, enter writes the comment (r sends the comments with your notes)'],
    ['commitLeftovers', ['C'], 'commit leftovers', 'when a merge is refused for uncommitted files: commit them, then merge (asks first)', false],
    ['dropLeftovers', ['d'], 'drop leftovers', 'when a merge is refused for uncommitted files: drop them (a patch is kept), then merge (asks first)', false],
    ['deleteBranch', ['D'], 'delete branch', 'when abandoning: also delete the task’s branch (asks first)', false],
    ['mergeStrategy', ['s'], 'strategy', 'in the merge question: switch merge (--no-ff) / squash / rebase, then fast-forward', false],
    ['editMessage', ['E'], 'edit message', 'in the merge question: write the commit message in $EDITOR, starting from the generated one', false],
    ['help', ['?'], 'help', 'every key of this screen'],
    ['back', ['q', 'esc'], 'back', 'back to the dashboard (esc first clears a search)'],
  ],
  compare: [
    ['down', ['j', 'down'], 'move', 'select the next attempt'],
    ['up', ['k', 'up'], 'move', 'select the previous attempt', false],
    ['open', ['enter'], 'review', 'review the selected attempt (merging it offers to abandon the others, their patches kept)'],
    ['help', ['?'], 'help', 'every key of this screen'],
    ['back', ['q', 'esc'], 'back', 'back to the dashboard'],
  ],
} as const satisfies Record<Screen, readonly Row[]>;

/** The actions of a screen, typed from the table (a typo in an action name does not compile). */
export type Action<S extends Screen = Screen> = S extends Screen ? (typeof ROWS)[S][number][0] : never;
/** `screen.action` for every binding of the table. */
export type ActionId = { [S in Screen]: `${S}.${Action<S>}` }[Screen];


export const KEY_TABLE: readonly KeyBinding[] = Object.entries(ROWS).flatMap(([screen, rows]) =>
  (rows as readonly Row[]).map(([action, keys, label, help, footer = true, needs]) => ({
    id: `${screen}.${action}` as ActionId,
    screen: screen as Screen,
    action: action as Action,
    keys,
    label,
    help,
    footer,
    ...(needs ? { needs } : {}),
  })),
);

const NAMED = ['up', 'down', 'left', 'right', 'enter', 'esc', 'tab', 'shift+tab', 'space', 'pgup', 'pgdn', 'home', 'end', 'backspace', 'delete'];

/** True for a key name the table can hold: one printable character, a named key, or ctrl+<letter>. */
export function isKeyName(name: string): boolean {
  if (NAMED.includes(name)) return true;
  if (/^ctrl\+[a-z]$/.test(name)) return true;
  return [...name].length === 1 && /^[\x21-\x7e]$/.test(name);
}

/** The table with the config's `keys` overrides applied (`"dashboard.new": "a"` or `["a", "+"]`). */
export function resolveKeys(overrides: Record<string, string | string[]> = {}): KeyBinding[] {
  const table = KEY_TABLE.map((b) => ({ ...b }));
  for (const [id, value] of Object.entries(overrides)) {
    const binding = table.find((b) => b.id === id);
    if (!binding) throw new UserError(`config keys.${id}: unknown action (actions look like dashboard.new, trace.back)`);
    const keys = Array.isArray(value) ? value : [value];
    if (keys.length === 0) throw new UserError(`config keys.${id}: give at least one key`);
    for (const k of keys) {
      if (!isKeyName(k)) throw new UserError(`config keys.${id}: "${k}" is not a key name (a character, or up, down, enter, esc, tab, space, pgup, pgdn, ctrl+x …)`);
    }
    binding.keys = keys;
  }
  for (const screen of SCREENS) {
    const seen = new Map<string, string>();
    for (const b of table.filter((x) => x.screen === screen)) {
      for (const k of b.keys) {
        const other = seen.get(k);
        if (other) throw new UserError(`config keys: "${k}" is bound to both ${other} and ${b.id}`);
        seen.set(k, b.id);
      }
    }
  }
  return table;
}

/** Ink's key flags, as far as naming a key needs them (kept here so src/ does not import Ink). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** The table name of a key press, or null for input that is no single key (pasted text). */
export function keyName(input: string, key: KeyFlags): string | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl && /^[a-z]$/i.test(input)) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  if ([...input].length === 1) return input;
  return null;
}

/**
 * Key presses that reached us merged into one input (keys sent faster than they were read: `\tG`, `jjj`):
 * one key name each, or null when the input is not made of single keys only (a paste of other text).
 */
export function splitKeys(input: string, key: KeyFlags): string[] | null {
  if (key.ctrl || key.meta) return null;
  const chars = [...input];
  if (chars.length < 2) return null;
  const names: string[] = [];
  for (const c of chars) {
    if (c === '\t') names.push('tab');
    else if (c === '\r') names.push('enter');
    else if (c === ' ') names.push('space');
    else if (/^[\x21-\x7e]$/.test(c)) names.push(c);
    else return null;
  }
  return names;
}

/** The action a key name triggers on a screen, or null. */
export function actionFor<S extends Screen>(table: readonly KeyBinding[], screen: S, name: string | null): Action<S> | null {
  if (name === null) return null;
  return (table.find((b) => b.screen === screen && b.keys.includes(name))?.action as Action<S> | undefined) ?? null;
}

/** The key to name in a text for an action ("press n"): its first key as shown, so a rebinding is right everywhere. */
export function keyHint(table: readonly KeyBinding[], id: ActionId): string {
  const b = table.find((x) => x.id === id);
  return b ? displayKeys(b.keys.slice(0, 1)) : '?';
}

/** The keys as shown to people: j/k, ↑/↓ become arrows, pgdn stays. */
export function displayKeys(keys: readonly string[]): string {
  const pretty: Record<string, string> = { up: '↑', down: '↓', left: '←', right: '→', enter: 'enter', esc: 'esc', space: 'space' };
  return keys.map((k) => pretty[k] ?? k).join('/');
}

export interface KeyContext {
  inTmux: boolean;
}

/** The bindings of a screen that apply in this context (footer: only the footer ones). */
export function bindingsFor(table: readonly KeyBinding[], screen: Screen, ctx: KeyContext, { footerOnly = false } = {}): KeyBinding[] {
  return table.filter((b) => b.screen === screen && (!footerOnly || b.footer) && (b.needs !== 'tmux' || ctx.inTmux));
}

/** The footer's entries for a screen (`j/k move`, `n new` …); pairs like down/up share one entry. */
export function footerEntries(table: readonly KeyBinding[], screen: Screen, ctx: KeyContext): Array<{ binding: KeyBinding; text: string }> {
  const all = bindingsFor(table, screen, ctx);
  return bindingsFor(table, screen, ctx, { footerOnly: true }).map((b) => {
    const twin = all.find((o) => o !== b && !o.footer && o.label === b.label);
    const keys = twin ? `${b.keys[0]}/${twin.keys[0]}` : displayKeys(b.keys.slice(0, 1));
    return { binding: b, text: `${keys} ${b.label}` };
  });
}

/** The footer text for a screen: `j/↓ move  n new  …`. */
export function footerText(table: readonly KeyBinding[], screen: Screen, ctx: KeyContext): string {
  return footerEntries(table, screen, ctx)
    .map((e) => e.text)
    .join('  ');
}
