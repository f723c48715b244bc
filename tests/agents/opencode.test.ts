// The real opencode CLI, offline against the scripted model server, through wtagents' opencode preset (tests/agents/conformance.ts).
import { describeAgent } from './conformance.js';

describeAgent({ agent: 'opencode', model: 'oc-model', failedExit: 2, reportsCost: false });
