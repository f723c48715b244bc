// The real claude CLI, offline against the scripted model server, through wtagents' claude preset (tests/agents/conformance.ts).
import { describeAgent } from './conformance.js';

describeAgent({ agent: 'claude', failedExit: 2, reportsCost: true });
