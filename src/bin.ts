// The executable (dist/wtagents.js): refuses a too-old Node.js in one line, turns on V8's on-disk
// compile cache, then loads and runs the CLI. It imports no bundled code statically, so the version
// check runs before any dependency is evaluated, and every chunk after this small one starts from cache.
import nodeModule from 'node:module';

const MIN_NODE_MAJOR = 22;

if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  process.stderr.write(`wtagents: needs Node.js ${MIN_NODE_MAJOR} or newer; this is ${process.version} (${process.execPath})\n`);
  process.exit(1);
}

try {
  nodeModule.enableCompileCache?.();
} catch {
  // no cache (read-only home or tmp): just slower starts
}

// Yoga (Ink's layout engine) loads its WebAssembly with fetch() of a data: URL whenever a global fetch exists,
// and Node's first fetch() loads its HTTP client (undici): ~100 ms of every TUI start. wtagents never uses fetch,
// so the first look at it (yoga's check) finds none and yoga decodes its inline copy itself; that look puts
// Node's fetch back for anyone after.
const nodeFetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
if (nodeFetch?.configurable) {
  const restore = (d: PropertyDescriptor) => Object.defineProperty(globalThis, 'fetch', d);
  Object.defineProperty(globalThis, 'fetch', {
    configurable: true,
    enumerable: nodeFetch.enumerable ?? false,
    get: () => void restore(nodeFetch),
    set: (value: unknown) => restore({ value, writable: true, configurable: true, enumerable: nodeFetch.enumerable ?? false }),
  });
}

// `review ID --stat|--patch` alone runs without the command-line parser and the other commands' code: it is
// measured against git's own --stat (issue 13), so it loads only what it prints. It and the two screens below come
// from the screens' build (scripts/bundle.mjs screenOptions: fewer, bigger files), everything else from cli.js.
const args = process.argv.slice(2);
// `review ID` on a terminal starts git on the review's file list, range and first file's diff before anything else
// loads, and paints that diff the moment git has it (src/core/first-paint.ts): the TUI's first frame draws over it.
const reviewScreen = args[0] === 'review' && args.length === 2 && !args[1]!.startsWith('-') && process.stdin.isTTY && process.stdout.isTTY;
const reviewDiff = args[0] === 'review' && (reviewScreen || args.includes('--stat') || args.includes('--patch')) ? await import('./commands/review-diff.js') : null;
const prestarted = reviewDiff && reviewScreen ? await reviewDiff.prestartReview(args[1]!, undefined, process.stdout) : null;
const fast = reviewDiff?.reviewDiffArgs(args) ?? null;
if (reviewDiff && fast) {
  process.exitCode = await reviewDiff.runReviewDiff(fast);
} else if (reviewScreen) {
  // `review ID` on a terminal: the review screen, without the command line's code (its first hunk is measured
  // against a bare Ink app, issue 13).
  await openScreen((screen) => screen.openReviewScreen(args[1]!, { prestarted }, screen.loadTui));
} else if (args.length === 0) {
  // `wtagents` alone: the dashboard, without the command line's code (commander, every subcommand): its first
  // frame is measured against a bare Ink app (issue 13).
  await openScreen((screen) => screen.openDashboard({}, screen.loadTui));
} else {
  const { main, reportFatal } = await import('./cli.js');
  process.on('uncaughtException', reportFatal);
  process.on('unhandledRejection', reportFatal);
  process.exitCode = await main(process.argv);
}

/** Open a screen as a whole command: its errors read as the command line's do (one line, the exit code). */
async function openScreen(open: (screen: typeof import('./screen.js')) => Promise<void>): Promise<void> {
  const screen = await import('./screen.js');
  const report = (error: unknown): number => {
    const r = screen.errorReport(error, { debug: screen.debugEnabled(process.env), prefix: screen.errorPrefix() });
    process.stderr.write(r.text);
    return r.exitCode;
  };
  const fatal = (error: unknown) => process.exit(report(error));
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  try {
    await open(screen);
    process.exitCode = Number(process.exitCode ?? 0);
  } catch (error) {
    process.exitCode = report(error);
  }
}
