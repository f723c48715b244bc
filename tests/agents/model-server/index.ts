// The scripted model server for tests that drive real agent CLIs offline (see README in this folder).
export { startModelServer, type ModelServer, type ModelServerOptions } from './server.js';
export { report, say, writeFile, runShell, calls, SIDE_TEXT, type Script, type Turn, type ToolCall } from './script.js';
export type { LoggedRequest, ApiName, AuthKind } from './types.js';
