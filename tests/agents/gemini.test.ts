// The real gemini CLI, offline against the scripted model server, through wtagents' gemini preset (tests/agents/conformance.ts).
import { describeAgent } from './conformance.js';

describeAgent({ agent: 'gemini', failedExit: null, reportsCost: false });
