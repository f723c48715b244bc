// The scripted model server (tests/agents/model-server) answers each API in the shape its CLI reads, plays scripts, fails on demand and logs requests.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { report, runShell, startModelServer, writeFile, type ModelServer } from '../agents/model-server/index.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A JSON answer, read loosely (foreign shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

/** The `data:` payloads of an SSE body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const events = (text: string): any[] => text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).filter((d) => d !== '[DONE]').map((d) => JSON.parse(d));

describe('scripted model server', () => {
  it('plays a script over Anthropic Messages SSE: tool_use blocks with absolute paths, then the report; side requests do not advance it', async () => {
    server = await startModelServer({ script: { turns: [{ text: 'Writing.', calls: [writeFile('stub.txt', 'x\n'), runShell('git commit -am x')] }, report({ summary: 'Added stub.' })] } });
    const tools = [{ name: 'Write' }, { name: 'Bash' }];
    const side = await post('/v1/messages?beta=true', { model: 'm1', messages: [{ role: 'user', content: 'title?' }], stream: false }, { authorization: 'Bearer k1' });
    expect((await json(side)).content[0].text).toBe('Scripted task');
    const res = await post('/v1/messages?beta=true', { model: 'm1', stream: true, tools, system: 'Primary working directory: /w/t1\n', messages: [{ role: 'user', content: 'do it' }] }, { 'x-api-key': 'k2' });
    const evs = events(await res.text());
    expect(evs[0].type).toBe('message_start');
    const starts = evs.filter((e) => e.type === 'content_block_start').map((e) => e.content_block);
    expect(starts.map((b) => b.type)).toEqual(['text', 'tool_use', 'tool_use']);
    const input = evs.filter((e) => e.delta?.type === 'input_json_delta' && e.index === 1).map((e) => e.delta.partial_json).join('');
    expect(JSON.parse(input)).toEqual({ file_path: '/w/t1/stub.txt', content: 'x\n' });
    expect(evs.find((e) => e.type === 'message_delta').delta.stop_reason).toBe('tool_use');
    const last = await post('/v1/messages', { model: 'm1', stream: true, tools, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] }] });
    expect(events(await last.text()).filter((e) => e.delta?.type === 'text_delta').map((e) => e.delta.text).join('')).toContain('## Merge recommendation');
    expect(server.requests.map((r) => [r.reply, r.auth.kind, r.turnIndex])).toEqual([['side', 'bearer', undefined], ['turn', 'x-api-key', 0], ['turn', 'none', 1]]);
    expect(server.requests[1]!.cwd).toBe('/w/t1');
    expect(server.requests[2]!.toolResults).toEqual(['ok']);
  });

  it('speaks OpenAI Responses (426 to the websocket GET), Chat Completions with a usage chunk, and Gemini SSE + JSON', async () => {
    server = await startModelServer({ script: { turns: [{ calls: [runShell('ls')] }], loop: true } });
    expect((await fetch(`${server.url}/v1/responses`)).status).toBe(426);
    const r = events(await (await post('/v1/responses', { model: 'cx', stream: true, tools: [{ type: 'function', name: 'exec_command' }], input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] }] })).text());
    expect(r.map((e) => e.type)).toEqual(['response.created', 'response.output_item.added', 'response.output_item.done', 'response.completed']);
    expect(r[2].item).toMatchObject({ type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: 'ls' }) });
    expect(r[3].response.usage.total_tokens).toBeGreaterThan(0);
    const c = events(await (await post('/v1/chat/completions', { model: 'oc', stream: true, tools: [{ type: 'function', function: { name: 'bash' } }], messages: [{ role: 'user', content: 'go' }] })).text());
    expect(c.at(-2).choices[0].finish_reason).toBe('tool_calls');
    expect(c.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
    const g = events(await (await post('/v1beta/models/gem:streamGenerateContent?alt=sse', { tools: [{ functionDeclarations: [{ name: 'run_shell_command' }] }], contents: [{ role: 'user', parts: [{ text: 'go' }] }] }, { 'x-goog-api-key': 'gk' })).text());
    expect(g.at(-1)).toMatchObject({ candidates: [{ content: { parts: [{ functionCall: { name: 'run_shell_command', args: { command: 'ls' } } }] }, finishReason: 'STOP' }], usageMetadata: { totalTokenCount: expect.any(Number) } });
    const router = await json(post('/v1beta/models/lite:generateContent', { contents: [{ role: 'user', parts: [{ text: 'route' }] }] }));
    expect(JSON.parse(router.candidates[0].content.parts[0].text).model_choice).toBe('flash');
    expect(server.requests.map((r) => [r.api, r.model, r.auth.kind, r.reply])).toEqual([
      ['other', undefined, 'none', '426'], ['responses', 'cx', 'none', 'turn'], ['chat', 'oc', 'none', 'turn'], ['gemini', 'gem', 'x-goog-api-key', 'turn'], ['gemini', 'lite', 'none', 'side'],
    ]);
  });

  it('fails on demand (429, 500, dropped connection), picks scripts by model, and waits for a request', async () => {
    server = await startModelServer({ script: { turns: [{ fail: 429 }, { fail: 500 }, { fail: 'disconnect' }, { text: 'ok' }] }, scripts: { other: { turns: [{ text: 'other model' }] } } });
    const ask = (model: string) => post('/v1/chat/completions', { model, tools: [{ function: { name: 'bash' } }], messages: [] });
    expect((await ask('m')).status).toBe(429);
    expect((await ask('m')).status).toBe(500);
    await expect(ask('m').then((r) => r.text())).rejects.toThrow();
    expect((await json(ask('other'))).choices[0].message.content).toBe('other model');
    expect((await json(ask('m'))).choices[0].message.content).toBe('ok');
    const seen = server.waitFor((q) => q.model === 'late');
    await ask('late');
    expect((await seen).turnIndex).toBe(4);
    // A websocket upgrade is refused with 426 too.
    const reply = await new Promise<string>((resolve) => {
      const s = connect(server!.port, '127.0.0.1', () => s.write('GET /v1/responses HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d));
      s.on('close', () => resolve(got));
    });
    expect(reply).toMatch(/^HTTP\/1.1 426/);
  });
});
