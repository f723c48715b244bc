// The screens' entry, in a build of its own (scripts/bundle.mjs screenOptions → dist/chunks/ui-screen.js): what
// src/bin.ts loads for `wtagents` alone and `review ID` on a terminal (after the same build's ui-review-diff.js:
// `review ID --stat|--patch`, and git started early for the review), without the command line. It holds the TUI
// and the words an error is reported in, so that a process that opens a screen this way loads nothing of the
// command line's build (no module twice: an error is reported by the same build that threw it).
import type { TuiModule } from './commands/tui.js';

export { openDashboard } from './commands/tui.js';
export { openReviewScreen } from './commands/review-screen.js';
export { debugEnabled, errorReport } from './core/errors.js';
export { errorPrefix } from './commands/conventions.js';

/** The TUI's module (React, Ink), loaded by the screen when it opens. */
export const loadTui = (): Promise<TuiModule> => import('../components/main.js');
