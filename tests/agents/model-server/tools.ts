// Turns a script's tool calls into each CLI's own tools, chosen from the tools its request offers.
import path from 'node:path';
import type { ApiName, ConcreteCall, ToolCall } from './types.js';

const abs = (p: string, cwd: string | undefined) => (path.isAbsolute(p) || !cwd ? p : path.join(cwd, p));

/** A unique-enough tool call id per server. */
export type IdMaker = (prefix: string) => string;

/** Codex's apply_patch text adding one file. */
export function addFilePatch(file: string, content: string): string {
  const body = content.replace(/\n$/, '').split('\n').map((l) => `+${l}`);
  return ['*** Begin Patch', `*** Add File: ${file}`, ...body, '*** End Patch', ''].join('\n');
}

function pick(offered: string[], ...names: string[]): string | undefined {
  return names.find((n) => offered.includes(n));
}

export function concreteCalls(api: ApiName, calls: ToolCall[], offered: string[], cwd: string | undefined, id: IdMaker): ConcreteCall[] {
  return calls.map((c) => {
    switch (api) {
      case 'anthropic':
        return c.kind === 'write-file'
          ? { id: id('toolu_'), name: 'Write', args: { file_path: abs(c.path, cwd), content: c.content } }
          : { id: id('toolu_'), name: 'Bash', args: { command: c.command, description: 'Run a scripted shell command' } };
      case 'gemini':
        return c.kind === 'write-file'
          ? { id: id('g'), name: 'write_file', args: { file_path: abs(c.path, cwd), content: c.content } }
          : { id: id('g'), name: 'run_shell_command', args: { command: c.command, description: 'Run a scripted shell command' } };
      case 'chat':
        return c.kind === 'write-file'
          ? { id: id('call_'), name: 'write', args: { filePath: abs(c.path, cwd), content: c.content } }
          : { id: id('call_'), name: 'bash', args: { command: c.command, description: 'Run a scripted shell command' } };
      case 'responses':
        return codexCall(c, offered, cwd, id);
    }
  });
}

/** Codex offers different tools per model: plain function tools, a freeform apply_patch, or one JS `exec` tool. */
function codexCall(c: ToolCall, offered: string[], cwd: string | undefined, id: IdMaker): ConcreteCall {
  const callId = id('call_');
  const shellTool = pick(offered, 'exec_command', 'shell', 'local_shell', 'shell_command');
  if (c.kind === 'write-file' && offered.includes('apply_patch')) {
    return { id: callId, name: 'apply_patch', input: addFilePatch(abs(c.path, cwd), c.content) };
  }
  const command = c.kind === 'run-shell' ? c.command : `cat > '${abs(c.path, cwd).replace(/'/g, `'\\''`)}' <<'WTAGENTS_EOF'\n${c.content.replace(/\n$/, '')}\nWTAGENTS_EOF`;
  if (shellTool === 'exec_command') return { id: callId, name: 'exec_command', args: { cmd: command, ...(cwd ? { workdir: cwd } : {}) } };
  if (shellTool === 'shell_command') return { id: callId, name: 'shell_command', args: { command, ...(cwd ? { workdir: cwd } : {}) } };
  if (shellTool) return { id: callId, name: shellTool, args: { command: ['bash', '-lc', command], ...(cwd ? { workdir: cwd } : {}) } };
  if (offered.includes('exec')) {
    const js = c.kind === 'write-file'
      ? `await tools.apply_patch(${JSON.stringify(addFilePatch(abs(c.path, cwd), c.content))});`
      : `const r = await tools.exec_command(${JSON.stringify({ cmd: command })}); text(JSON.stringify(r));`;
    return { id: callId, name: 'exec', input: js };
  }
  return { id: callId, name: 'exec_command', args: { cmd: command } };
}

/** Where the CLI says it works, from the prompt text (each CLI words it its own way). */
export function findCwd(body: string): string | undefined {
  const patterns = [
    /<cwd>([^<]+)<\/cwd>/,
    /Workspace Directories:\*\*(?:\\n|\s)+- ([^\s"\\]+)/,
    /Primary working directory:\s*([^\s"\\]+)/i,
    /working directory:\s*([^\s"\\]+)/i,
    /working in the directory:\s*([^\s"\\]+)/i,
    /current working directory(?: is)?:?\s*([^\s"\\]+)/i,
  ];
  for (const re of patterns) {
    const m = re.exec(body);
    if (m && m[1]!.startsWith('/')) return m[1]!.replace(/[.,;:]+$/, '');
  }
  return undefined;
}
