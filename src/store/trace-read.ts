// Reading a trace by byte offset (through file-bytes.ts, as the live tailer and the pager do): the complete
// lines from an offset (`logs --follow`, in trace-lines.ts), and whole traces in bounded chunks (evidence, workflow, resume).
import { addTraceLine, type TraceParseResult } from '../core/trace-parse.js';
import { eachTraceLine } from './trace-lines.js';

export { eachTraceLine, readLinesFrom, type TraceChunk } from './trace-lines.js';

/** The whole trace parsed: its events, and the malformed and unknown lines counted (a partial last line is still being written). */
export function readTrace(file: string): TraceParseResult {
  const out: TraceParseResult = { events: [], malformed: 0, unknown: 0 };
  eachTraceLine(file, (line) => addTraceLine(out, line));
  return out;
}
