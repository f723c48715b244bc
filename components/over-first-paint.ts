// Ink's stdout when the review's first paint (src/core/first-paint.ts) is on the terminal. The paint already
// entered the alternate screen, so Ink's own enter is left out (most terminals ignore a second one, a few clear
// the screen with it). Ink writes its first frame from where the cursor is, as on a fresh screen: that write
// starts with home and erase-down, so the frame replaces the paint whole, in one write (no blank moment).
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';
const HOME_AND_ERASE_DOWN = '\u001b[H\u001b[J';
const CONTROL_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/** Whether a write to the terminal draws something (it is more than control sequences). */
export function drawsText(chunk: string): boolean {
  return chunk.replace(CONTROL_SEQUENCE, '') !== '';
}

/** `stdout` as Ink should see it over a first paint: every other property and method is the stream's own. */
export function overFirstPaint<T extends NodeJS.WritableStream>(stdout: T): T {
  let framed = false;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (!framed && typeof chunk === 'string') {
      if (chunk === ENTER_ALTERNATE_SCREEN) return true;
      if (drawsText(chunk)) {
        framed = true;
        chunk = HOME_AND_ERASE_DOWN + chunk;
      }
    }
    return (stdout.write as (...args: unknown[]) => boolean).call(stdout, chunk, ...rest);
  };
  return new Proxy(stdout, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
