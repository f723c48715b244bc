// The real codex CLI, offline against the scripted model server, through wtagents' codex preset (tests/agents/conformance.ts).
import { describeAgent } from './conformance.js';

describeAgent({ agent: 'codex', failedExit: 2, reportsCost: false });
