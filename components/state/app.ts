// The screen router's state (pure reducer): which screen is up (dashboard, trace, new task, review, compare), where
// `back` goes from it, the help overlay, a confirmation, and the status line.
import type { Screen } from '../../src/core/keys.js';

export type Page = 'dashboard' | 'trace' | 'newTask' | 'review' | 'compare';

export interface Confirm {
  action: 'stop' | 'archive' | 'clean' | 'abandonOthers' | 'takeover';
  /** The task it acts on (empty for clean, which acts on every finished task). */
  taskId: string;
  question: string;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
}

export interface AppState {
  page: Page;
  /** The task the trace or review page shows (on the compare page: the attempt it opened on). */
  taskId: string | null;
  /** Where `back` goes from this page (a review opened from the compare page goes back there); null: the dashboard. */
  returnTo: Page | null;
  /** The help overlay, for the screen it was opened from. */
  help: Screen | null;
  confirm: Confirm | null;
  message: StatusMessage | null;
}

export type AppAction =
  | { type: 'open'; page: Page; taskId?: string; returnTo?: Page }
  | { type: 'back' }
  | { type: 'help'; screen: Screen }
  | { type: 'closeHelp' }
  | { type: 'confirm'; confirm: Confirm }
  | { type: 'closeConfirm' }
  | { type: 'message'; message: StatusMessage | null };

export const initialApp: AppState = { page: 'dashboard', taskId: null, returnTo: null, help: null, confirm: null, message: null };

/** The first state: the dashboard, or (`wtagents review ID` on a terminal) that task's review. */
export function startApp(review: string | null): AppState {
  return review === null ? initialApp : { ...initialApp, page: 'review', taskId: review };
}

export function appReducer(s: AppState, a: AppAction): AppState {
  switch (a.type) {
    case 'open':
      return { ...s, page: a.page, taskId: a.taskId ?? s.taskId, returnTo: a.returnTo ?? null, help: null, confirm: null, message: null };
    case 'back':
      return { ...s, page: s.returnTo ?? 'dashboard', returnTo: null, help: null, confirm: null };
    case 'help':
      return { ...s, help: a.screen };
    case 'closeHelp':
      return { ...s, help: null };
    case 'confirm':
      return { ...s, confirm: a.confirm, message: null };
    case 'closeConfirm':
      return { ...s, confirm: null };
    case 'message':
      return { ...s, message: a.message };
  }
}

/** The screen whose keys apply now (the key table's screen names). */
export function activeScreen(s: AppState): Screen {
  if (s.help) return 'help';
  if (s.confirm) return 'confirm';
  return s.page;
}
