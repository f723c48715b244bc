// The review's view text for the TUI (pure: evidence rows from the one view-model, prompts, outcomes), through the
// engine facade so components import only src/app and src/core. Loaded with the review screen, not the first frame.
export { evidenceRows, evidenceSummary, wrapText } from '../review/evidence-rows.js';
export { LeftoversError } from '../review/leftovers-error.js';
export { abandonOutcome, mergeOutcome, nextStrategy, prOutcome, promptText, requestOutcome } from '../review/screen-text.js';
