// The real gemini CLI: each workflow step on its own route (model and key), through wtagents' gemini preset.
import { describeAgentRoutes } from './conformance.js';

describeAgentRoutes({ agent: 'gemini', failedExit: null, reportsCost: false });
