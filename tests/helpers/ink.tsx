// Rendering the TUI in tests: ink-testing-library with a fixed terminal size, keys pressed by name,
// and waits for frames (polling with a generous deadline, never fixed sleeps).
import { Writable } from 'node:stream';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { KEY_TABLE, type Screen } from '../../src/core/keys.js';
import { createServices, type TuiServices } from '../../src/app/services.js';
import { ServicesProvider } from '../../components/context.js';
import { App } from '../../components/App.js';

const SEQUENCES: Record<string, string> = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  'shift+tab': '\u001b[Z',
  space: ' ',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pgup: '\u001b[5~',
  pgdn: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
};

/** The bytes a terminal sends for a key-table key name. */
export function keyBytes(name: string): string {
  if (SEQUENCES[name] !== undefined) return SEQUENCES[name]!;
  const ctrl = /^ctrl\+([a-z])$/.exec(name);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
  return name;
}

/** The first key bound to `screen.action` in the default table. */
export function keyOf(screen: Screen, action: string): string {
  const b = KEY_TABLE.find((k) => k.screen === screen && k.action === action);
  if (!b) throw new Error(`no key for ${screen}.${action}`);
  return b.keys[0]!;
}

export interface Tui {
  frame(): string;
  lines(): string[];
  /** How many frames the app has rendered so far (Ink writes one per render here). */
  renders(): number;
  /** Every frame written so far, oldest first. */
  frames(): readonly string[];
  /** Press a key by table name and wait for the next frame (unless told the key changes nothing). */
  press(name: string, opts?: { change?: boolean }): Promise<string>;
  /** Press the key of a table action. */
  act(screen: Screen, action: string, opts?: { change?: boolean }): Promise<string>;
  type(text: string): Promise<string>;
  waitFor(test: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<string>;
  unmount(): void;
}

export interface TuiOptions {
  columns?: number;
  rows?: number;
}

export async function renderTui(tree: ReactElement, { columns = 100, rows = 30 }: TuiOptions = {}): Promise<Tui> {
  // Mount nothing first, give the fake stdout a size, then mount the tree: its first frame has that size.
  const r = render(<></>);
  const setSize = (c: number, h: number) => {
    Object.defineProperty(r.stdout, 'columns', { value: c, configurable: true });
    Object.defineProperty(r.stdout, 'rows', { value: h, configurable: true });
  };
  setSize(columns, rows);
  r.rerender(tree);
  const frame = () => r.lastFrame() ?? '';
  const waitFor: Tui['waitFor'] = async (test, timeoutMs = 60_000) => {
    const ok = typeof test === 'function' ? test : (f: string) => (typeof test === 'string' ? f.includes(test) : test.test(f));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (ok(f)) return f;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(test)}; last frame:\n${f}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  };
  const press: Tui['press'] = async (name, { change = true } = {}) => {
    // Let React run the effects of the last render first: a screen that just appeared attaches its key
    // handler in an effect, and a key written before that finds nobody listening.
    for (let i = 0; i < 3; i++) await new Promise((res) => setImmediate(res));
    const before = r.frames.length;
    r.stdin.write(keyBytes(name));
    if (!change) {
      // Let the key be handled, then return whatever is on screen.
      await new Promise((res) => setTimeout(res, 50));
      return frame();
    }
    // Ink (in the test renderer's debug mode) writes a frame on every render, changed or not.
    return waitFor(() => r.frames.length > before);
  };
  await waitFor((f) => f !== '');
  return {
    frame,
    lines: () => frame().split('\n'),
    renders: () => r.frames.length,
    frames: () => r.frames,
    press,
    act: (screen, action, opts) => press(keyOf(screen, action), opts),
    async type(text) {
      let f = frame();
      for (const ch of text) f = await press(ch);
      return f;
    },
    waitFor,
    async resize(c, h) {
      setSize(c, h);
      r.stdout.emit('resize');
      return waitFor((f) => f.split('\n').length === h);
    },
    unmount: () => r.unmount(),
  };
}

/** A stream that records what is written to it (the bell goes here). */
export class Recorder extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Real services on `repoRoot`, with the bell recorded and no tmux. */
export function testServices(repoRoot: string, env: NodeJS.ProcessEnv = {}): { services: TuiServices; bell: Recorder } {
  const bell = new Recorder();
  const services = createServices({ repoRoot, terminal: bell, env: { PATH: process.env.PATH, ...env } });
  return { services, bell };
}

export function app(services: TuiServices, forcePane = false): ReactElement {
  return (
    <ServicesProvider services={services}>
      <App forcePane={forcePane} />
    </ServicesProvider>
  );
}
