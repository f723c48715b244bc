// The text adapter: any command's output, one `agent.output` event per line; its tail is the report.
import type { NewTraceEvent } from '../../core/trace-schema.js';
import type { Adapter, AdapterSummary } from '../types.js';

const REPORT_LINES = 200;

export function textAdapter(): Adapter {
  const tail: string[] = [];
  return {
    line(text, stream) {
      if (stream === 'stdout') {
        tail.push(text);
        if (tail.length > REPORT_LINES) tail.shift();
      }
      return [{ type: 'agent.output', text, stream }];
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
