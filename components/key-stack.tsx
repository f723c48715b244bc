// The keypress stack: the one place the TUI reads keys (gemini's KeypressProvider). Screens and overlays
// register a layer with `useKeys(screens, handlers)`; each key goes to the active layer of highest priority
// (help over a text box over a confirmation over a prompt over the screen), through the key table, and to
// no one else. No screen arbitrates input by hand. A layer can say why an action is disabled (lazygit's
// GetDisabledReason): the press reports the reason, and the help screen shows it.
import { useInput, type Key } from 'ink';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { actionFor, keyHint, keyName, splitKeys, type Action, type ActionId, type KeyBinding, type Screen } from '../src/core/keys.js';

/** Who takes keys first: the highest active layer takes every key (ties: the last one opened). */
export const LAYERS = { screen: 0, prompt: 1, confirm: 2, textBox: 3, help: 4 } as const;
export type Layer = keyof typeof LAYERS;

/** An action's handler (told the key's name); returning 'stop' drops the rest of keys merged with this one. */
export type KeyHandler = (name: string) => void | 'stop';
export type KeyHandlers<S extends Screen> = Partial<Record<Action<S>, KeyHandler>>;

export interface KeysOptions<S extends Screen> {
  layer?: Layer;
  /** Whether the layer takes keys now (default true). */
  active?: boolean;
  /** Why `action` cannot act now, or null when it can. */
  disabled?: (action: Action<S>) => string | null;
  /** Told the reason when a disabled action's key is pressed. */
  onDisabled?: (reason: string, action: Action<S>) => void;
  /** A key that is none of the layer's actions (name null: text that is no single key). */
  other?: (name: string | null, input: string, key: Key) => void;
  /** Text is typed here (a text box, a search): merged input is text, never split into keys. */
  text?: boolean;
}

interface Entry {
  seq: number;
  screens: readonly Screen[];
  handlers: Partial<Record<string, KeyHandler>>;
  opts: KeysOptions<Screen>;
}

interface Stack {
  keys: readonly KeyBinding[];
  entries: Set<{ current: Entry }>;
  seq: number;
}

const StackContext = createContext<Stack | null>(null);

function useStack(): Stack {
  const s = useContext(StackContext);
  if (!s) throw new Error('useKeys() outside <KeyStackProvider>');
  return s;
}

function topEntry(stack: Stack): Entry | null {
  let top: Entry | null = null;
  for (const { current: e } of stack.entries) {
    if (e.opts.active === false) continue;
    const p = LAYERS[e.opts.layer ?? 'screen'];
    if (!top || p > LAYERS[top.opts.layer ?? 'screen'] || (p === LAYERS[top.opts.layer ?? 'screen'] && e.seq > top.seq)) top = e;
  }
  return top;
}

/** The layer's action for a key name: the first of its screens that binds the name to a handled action. */
function actionOf(keys: readonly KeyBinding[], e: Entry, name: string | null): string | null {
  for (const screen of e.screens) {
    const action = actionFor(keys, screen, name);
    if (action !== null && e.handlers[action]) return action;
  }
  return null;
}

/** Run a key on a layer; 'stop' when the rest of a merged input must be dropped. */
function press(keys: readonly KeyBinding[], e: Entry, name: string | null, input: string, key: Key): void | 'stop' {
  const action = actionOf(keys, e, name);
  if (action === null) {
    e.opts.other?.(name, input, key);
    return e.opts.other ? 'stop' : undefined;
  }
  const reason = e.opts.disabled?.(action as Action) ?? null;
  if (reason !== null) return void e.opts.onDisabled?.(reason, action as Action);
  return e.handlers[action]!(name!);
}

export function KeyStackProvider({ keys, children }: { keys: readonly KeyBinding[]; children: ReactNode }) {
  const stack = useRef<Stack>({ keys, entries: new Set(), seq: 0 }).current;
  stack.keys = keys;
  useInput((input, key) => {
    const top = topEntry(stack);
    if (!top) return;
    const name = keyName(input, key);
    if (name === null && top.opts.text) return void top.opts.other?.(null, input, key);
    // Keys that arrived merged (sent faster than read) are taken one by one.
    const names = name === null ? splitKeys(input, key) : [name];
    if (names === null) return void top.opts.other?.(null, input, key);
    for (const n of names) if (press(stack.keys, top, n, n === name ? input : n, key) === 'stop') return;
  });
  return <StackContext.Provider value={stack}>{children}</StackContext.Provider>;
}

/**
 * Take keys for `screens` (the key table's screens, tried in order) while the layer is active: each bound
 * key runs its action's handler. Handlers and options are read at the key press, so they may change freely.
 */
export function useKeys<S extends Screen>(screens: S | readonly S[], handlers: KeyHandlers<S>, opts: KeysOptions<S> = {}): void {
  const stack = useStack();
  const entry = useRef<Entry | null>(null);
  const current: Entry = { seq: entry.current?.seq ?? ++stack.seq, screens: typeof screens === 'string' ? [screens] : screens, handlers, opts: opts as KeysOptions<Screen> };
  // Updated while rendering: the footer and help drawn below this screen read its reasons as they are now.
  entry.current = current;
  const becameActive = useRef(opts.active !== false);
  if (opts.active !== false && !becameActive.current) current.seq = ++stack.seq; // reopened: on top of its peers
  becameActive.current = opts.active !== false;
  useEffect(() => {
    const ref = entry as { current: Entry };
    stack.entries.add(ref);
    return () => void stack.entries.delete(ref);
  }, [stack]);
}

/** Why `action` of `screen` is disabled now, from the layers that registered a reason (null: it is not). */
export function useDisabledReason(): (screen: Screen, action: string) => string | null {
  const stack = useStack();
  return (screen, action) => {
    for (const { current: e } of stack.entries) {
      if (!e.screens.includes(screen) || !e.opts.disabled) continue;
      const reason = e.opts.disabled(action as Action);
      if (reason !== null) return reason;
    }
    return null;
  };
}

/** The key to name in a text for an action (`keyHint`), from the table with the config's overrides. */
export function useKeyHint(): (id: ActionId) => string {
  const { keys } = useStack();
  return (id) => keyHint(keys, id);
}
