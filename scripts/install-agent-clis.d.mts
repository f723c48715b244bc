// Types of scripts/install-agent-clis.mjs for the real-agent suite.
export interface AgentClisLocation {
  pins: { packages: Record<string, string>; bins: Record<string, string> };
  spec: string[];
  dir: string;
  binDir: string;
  marker: string;
}
export function agentClisLocation(): AgentClisLocation;
export function installAgentClis(opts?: { quiet?: boolean }): AgentClisLocation;
