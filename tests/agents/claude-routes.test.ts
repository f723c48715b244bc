// The real claude CLI: each workflow step on its own route (model and key), through wtagents' claude preset.
import { describeAgentRoutes } from './conformance.js';

describeAgentRoutes({ agent: 'claude', failedExit: 2, reportsCost: true });
