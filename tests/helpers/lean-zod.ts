// The product's schema modules loaded with zod, or again with src/core/lean-zod.ts in its place (what every
// build of dist/ does): for tests/unit/lean-zod*.test.ts, which hold the two to the same results.
import { vi } from 'vitest';

type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ code: string; path: PropertyKey[]; message: string }> } } };
export interface Schemas {
  TaskRecord: Parser;
  Config: Parser;
  TraceEvent: Parser;
  RunRecord: Parser;
  ChecksFile: Parser;
  RunRequest: Parser;
  DecisionRecord: Parser;
  LineComment: Parser;
  CommentsFile: Parser;
  parseConfig(json: unknown): unknown;
}

/** Reset the module registry and make the next imports see zod (`lean` false) or lean-zod as `zod`. */
export function useZod(lean: boolean): void {
  vi.resetModules();
  if (lean) vi.doMock('zod', async () => await import('../../src/core/lean-zod.js'));
  else vi.doUnmock('zod');
}

/** The modules that import `zod` (loaded by loadSchemas), relative to the project. */
export const SCHEMA_MODULES = ['src/core/task.ts', 'src/core/config.ts', 'src/core/trace-schema.ts', 'src/store/records.ts', 'src/core/checks.ts', 'src/runner/run-request.ts', 'src/core/decision.ts', 'src/core/line-comment.ts'];

export async function loadSchemas(lean: boolean): Promise<Schemas> {
  useZod(lean);
  const [task, config, trace, records, checks, request, decision, comment] = await Promise.all([
    import('../../src/core/task.js'),
    import('../../src/core/config.js'),
    import('../../src/core/trace-schema.js'),
    import('../../src/store/records.js'),
    import('../../src/core/checks.js'),
    import('../../src/runner/run-request.js'),
    import('../../src/core/decision.js'),
    import('../../src/core/line-comment.js'),
  ]);
  return {
    TaskRecord: task.TaskRecord,
    Config: config.Config,
    TraceEvent: trace.TraceEvent,
    RunRecord: records.RunRecord,
    ChecksFile: checks.ChecksFile,
    RunRequest: request.RunRequest,
    DecisionRecord: decision.DecisionRecord,
    LineComment: comment.LineComment,
    CommentsFile: comment.CommentsFile,
    parseConfig: config.parseConfig,
  } as unknown as Schemas;
}
