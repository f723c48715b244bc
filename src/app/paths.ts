// The light half of the engine facade, loaded with the command itself (no git, runner or review engine):
// where a task's and its review's files are, finding the repository from files, and reading trace lines.
export { findRepo } from '../git/find-repo.js';
export { reviewPaths } from '../review/paths.js';
export { taskPaths } from '../store/layout.js';
export { readLinesFrom } from '../store/trace-lines.js';
