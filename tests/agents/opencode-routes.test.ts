// The real opencode CLI: each workflow step on its own route (model and key), through wtagents' opencode preset.
import { describeAgentRoutes } from './conformance.js';

describeAgentRoutes({ agent: 'opencode', model: 'oc-model', failedExit: 2, reportsCost: false });
