// The text adapter: any command's output, one `agent.output` event per line; its tail is the report.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter, AdapterSummary } from '../types.js';
import { outputEvent } from './common.js';

const REPORT_LINES = 200;
const REPORT_LINE_MAX = 4096;

/** Every line (blank ones too, they are part of the output) becomes `agent.output`, cut to RAW_MAX. */
export function textAdapter(): Adapter {
  const tail: string[] = [];
  return {
    line(text, stream): NewTraceEvent[] {
      try {
        if (stream === 'stdout') {
          tail.push(text.length > REPORT_LINE_MAX ? text.slice(0, REPORT_LINE_MAX) : text);
          if (tail.length > REPORT_LINES) tail.shift();
        }
        return [outputEvent(text, stream, new Date().toISOString())];
      } catch {
        return [];
      }
    },
    end(): NewTraceEvent[] {
      return [];
    },
    summary(): AdapterSummary {
      const finalMessage = tail.join('\n').trim();
      return { usage: { inputTokens: 0, outputTokens: 0 }, ...(finalMessage ? { finalMessage } : {}) };
    },
  };
}
