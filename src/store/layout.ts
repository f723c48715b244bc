// Where things live: the repository's .wtagents/ directory and the files of one task directory.
import path from 'node:path';

export const WTAGENTS_DIR = '.wtagents';

/** <repo>/.wtagents and what is inside it. */
export function repoPaths(repoRoot: string) {
  const dir = path.join(repoRoot, WTAGENTS_DIR);
  return {
    dir,
    config: path.join(dir, 'config.json'),
    tasks: path.join(dir, 'tasks'),
    /** Pointer files for task directories made elsewhere with --out: links/<id> holds the path. */
    links: path.join(dir, 'links'),
    locks: path.join(dir, 'locks'),
    /** The supervisor's own records of each task's runs (records/<id>.jsonl), out of the agent's reach. */
    records: path.join(dir, 'records'),
    /** Worktrees (worktrees/<id>), beside the task directories rather than inside them. */
    worktrees: path.join(dir, 'worktrees'),
  };
}

/** A task directory's task.json alone: listing tasks needs only it (taskPaths builds some twenty paths). */
export function taskJsonPath(dir: string): string {
  return path.join(dir, 'task.json');
}

/** The files of the task directory `dir` (DESIGN §3). */
export function taskPaths(dir: string) {
  return {
    dir,
    taskJson: taskJsonPath(dir),
    taskLock: path.join(dir, 'task.lock'),
    readme: path.join(dir, 'README.md'),
    trace: path.join(dir, 'trace.jsonl'),
    traceLock: path.join(dir, 'trace.lock'),
    packets: path.join(dir, 'packets'),
    packet: (round: number, name: string) => path.join(dir, 'packets', `${String(round).padStart(2, '0')}-${name}.md`),
    commands: path.join(dir, 'commands'),
    createWorktreeScript: path.join(dir, 'commands', 'create-worktree.sh'),
    reviewScript: path.join(dir, 'commands', 'review-before-merge.sh'),
    worktrees: path.join(dir, 'worktrees'),
    worktree: (id: string) => path.join(dir, 'worktrees', id),
    logs: path.join(dir, 'logs'),
    /** Ignored files in the worktree right after config setup (JSON list): made by setup, not by the agent. */
    setupIgnored: path.join(dir, 'logs', 'setup-ignored.json'),
    report: path.join(dir, 'report.md'),
    review: path.join(dir, 'review'),
    decisionLock: path.join(dir, 'review', 'decision.lock'),
  };
}
