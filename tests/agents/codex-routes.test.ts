// The real codex CLI: each workflow step on its own route (model and key), through wtagents' codex preset.
import { describeAgentRoutes } from './conformance.js';

describeAgentRoutes({ agent: 'codex', failedExit: 2, reportsCost: false });
