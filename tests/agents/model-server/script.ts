// Scripts for the scripted model server: what each agent request is answered with, in order.

/** A tool call the model asks for; each API turns it into the CLI's own tool (Write/Bash, write_file/run_shell_command, …). */
export type ToolCall =
  | { kind: 'write-file'; path: string; content: string }
  | { kind: 'run-shell'; command: string };

/** One model response to an agent request (a request that offers tools). */
export interface Turn {
  /** Assistant text (before any tool calls). */
  text?: string;
  calls?: ToolCall[];
  /** Fail this request instead: an HTTP status, or drop the connection mid-stream. */
  fail?: 429 | 500 | 'disconnect';
  /** Send the response headers, then nothing until the server closes (an agent that waits forever). */
  hang?: boolean;
  /** Reported token usage (default: estimated from the request and reply sizes). */
  usage?: { input: number; output: number };
}

export interface Script {
  turns: Turn[];
  /** After the last turn start again at the first (an agent that never finishes). */
  loop?: boolean;
  /** The answer once the script is used up (default: a short text, so the CLI ends its turn). */
  after?: Turn;
}

/** Answers to tool-less side requests (titles, topic checks, routers): plain text. */
export const SIDE_TEXT = 'Scripted task';

export const say = (text: string): Turn => ({ text });
export const writeFile = (path: string, content: string): ToolCall => ({ kind: 'write-file', path, content });
export const runShell = (command: string): ToolCall => ({ kind: 'run-shell', command });
export const calls = (...list: ToolCall[]): Turn => ({ calls: list });

/** A final message in the shape wtagents' packets ask for (parsed into report sections + recommendation). */
export function report(opts: { summary: string; files?: string[]; commands?: string[]; recommendation?: string }): Turn {
  const lines = [
    '## Summary of changes',
    opts.summary,
    '## Files touched',
    ...(opts.files ?? []).map((f) => `- ${f}`),
    '## Test/build commands run',
    ...(opts.commands ?? []).map((c) => `- \`${c}\``),
    '## Risks and assumptions',
    'None beyond the scripted task.',
    '## git diff --stat',
    '(see branch)',
    '## Merge recommendation',
    opts.recommendation ?? 'merge: the scripted edit is committed.',
  ];
  return { text: lines.join('\n') };
}

/** Plays a script: each agent request takes the next turn. */
export class ScriptPlayer {
  private next = 0;
  constructor(readonly script: Script) {}

  /** The position the next turn will be taken from (how many turns were played). */
  get played(): number {
    return this.next;
  }

  take(): { turn: Turn; index: number } {
    const { turns, loop } = this.script;
    const index = this.next++;
    if (index < turns.length) return { turn: turns[index]!, index };
    if (loop && turns.length > 0) return { turn: turns[index % turns.length]!, index };
    return { turn: this.script.after ?? { text: 'Nothing more to do.' }, index };
  }
}
