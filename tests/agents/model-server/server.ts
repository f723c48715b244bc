// The scripted model server: one loopback HTTP server speaking Anthropic Messages, OpenAI Responses,
// OpenAI Chat Completions and Gemini, playing a script per test and logging every request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ScriptPlayer, SIDE_TEXT, type Script, type Turn } from './script.js';
import { concreteCalls, findCwd } from './tools.js';
import { anthropicError, anthropicJson, anthropicStream, parseAnthropic } from './anthropic.js';
import { parseResponses, responsesError, responsesStream } from './responses.js';
import { chatError, chatJson, chatStream, parseChat } from './chat.js';
import { GEMINI_JSON_SIDE, geminiError, geminiJson, geminiStream, parseGemini } from './gemini.js';
import { sseHead, type Loose } from './sse.js';
import type { ApiName, AuthKind, LoggedRequest, Parsed, Reply } from './types.js';

export interface ModelServerOptions {
  /** The script agent requests play (default: one short final text). */
  script?: Script;
  /** Scripts by the model a request names (a workflow's steps on different routes); others play `script`. */
  scripts?: Record<string, Script>;
  /** Text for tool-less side requests (titles, topic checks). */
  sideText?: string;
  /** Write every request body to this directory (`<seq>-<api>.json`), to study a new CLI version. */
  bodiesDir?: string;
}

export interface ModelServer {
  /** `http://127.0.0.1:<port>` (no path: add `/v1` for OpenAI-style clients). */
  url: string;
  port: number;
  requests: LoggedRequest[];
  /** Requests that played a script turn (not side requests, not 404s). */
  agentRequests(): LoggedRequest[];
  /** Replace the script (for one model, or the default one); its turns start from the first. */
  setScript(script: Script, model?: string): void;
  /** Resolves with the first logged request matching `pred` (already logged or later). */
  waitFor(pred: (r: LoggedRequest) => boolean, timeoutMs?: number): Promise<LoggedRequest>;
  close(): Promise<void>;
}

function authOf(req: IncomingMessage, url: URL): { kind: AuthKind; key?: string } {
  const h = req.headers;
  if (typeof h['x-api-key'] === 'string') return { kind: 'x-api-key', key: h['x-api-key'] };
  if (typeof h['x-goog-api-key'] === 'string') return { kind: 'x-goog-api-key', key: h['x-goog-api-key'] };
  const bearer = /^Bearer\s+(.*)$/i.exec(h.authorization ?? '');
  if (bearer) return { kind: 'bearer', key: bearer[1]! };
  const key = url.searchParams.get('key');
  return key ? { kind: 'x-goog-api-key', key } : { kind: 'none' };
}

function apiOf(method: string, p: string): ApiName | undefined {
  if (method !== 'POST') return undefined;
  if (/\/messages$/.test(p)) return 'anthropic';
  if (/\/responses$/.test(p)) return 'responses';
  if (/\/chat\/completions$/.test(p)) return 'chat';
  if (/\/models\/[^/]+:(stream)?generateContent$/i.test(p)) return 'gemini';
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  let buf = Buffer.concat(parts);
  const enc = String(req.headers['content-encoding'] ?? '');
  if (enc === 'gzip') buf = zlib.gunzipSync(buf);
  else if (enc === 'br') buf = zlib.brotliDecompressSync(buf);
  else if (enc === 'deflate') buf = zlib.inflateSync(buf);
  else if (enc === 'zstd') buf = (zlib as Loose).zstdDecompressSync(buf);
  return buf.toString('utf8');
}

const estimate = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: LoggedRequest[] = [];
  const waiters: { pred: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }[] = [];
  const sockets = new Set<Socket>();
  let defaultPlayer = new ScriptPlayer(opts.script ?? { turns: [{ text: 'Done.' }] });
  const players = new Map<string, ScriptPlayer>(Object.entries(opts.scripts ?? {}).map(([m, s]) => [m, new ScriptPlayer(s)]));
  let ids = 0;
  const id = (prefix: string) => `${prefix}${(++ids).toString().padStart(4, '0')}`;

  const log = (entry: Omit<LoggedRequest, 'seq'>): LoggedRequest => {
    const r = { seq: requests.length + 1, ...entry };
    requests.push(r);
    for (const w of [...waiters]) if (w.pred(r)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(r); }
    return r;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const p = url.pathname;
    const auth = authOf(req, url);
    const bare = { method, path: p + url.search, auth, stream: false, side: true, tools: [], toolResults: [], userTexts: [], assistantTexts: [] };
    const raw = await readBody(req);
    const api = apiOf(method, p);
    if (opts.bodiesDir && raw) {
      mkdirSync(opts.bodiesDir, { recursive: true });
      writeFileSync(path.join(opts.bodiesDir, `${String(requests.length + 1).padStart(3, '0')}-${api ?? 'other'}.json`), raw);
    }
    if (!api) return other(req, res, method, p, raw, bare);
    let body: Loose;
    try {
      body = JSON.parse(raw);
    } catch {
      log({ ...bare, api, reply: '400' });
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'body is not JSON' } }));
      return;
    }
    const parsed: Parsed =
      api === 'anthropic' ? parseAnthropic(body) : api === 'responses' ? parseResponses(body) : api === 'chat' ? parseChat(body) : parseGemini(body, p);
    const cwd = findCwd(raw);
    const model = parsed.model ?? 'scripted-model';
    const entry = { method, path: p + url.search, api, auth, ...parsed, model, ...(cwd ? { cwd } : {}) };
    if (parsed.side) {
      const sideText = api === 'gemini' && !parsed.stream ? GEMINI_JSON_SIDE : (opts.sideText ?? SIDE_TEXT);
      log({ ...entry, reply: 'side' });
      return answer(res, api, parsed.stream, { turn: { text: sideText }, calls: [], model, usage: { input: estimate(raw), output: estimate(sideText) } });
    }
    const player = players.get(model) ?? defaultPlayer;
    const { turn, index } = player.take();
    log({ ...entry, turnIndex: index, reply: turn.fail !== undefined ? `fail:${turn.fail}` : turn.hang ? 'hang' : 'turn' });
    if (turn.fail === 429 || turn.fail === 500) return fail(res, api, turn.fail);
    if (turn.fail === 'disconnect' || turn.hang) {
      sseHead(res);
      // A dropped connection mid-stream: headers and half an event reach the client, then the socket closes.
      res.write(turn.hang ? ': waiting\n\n' : 'data: {"partial":', () => {
        if (turn.fail === 'disconnect') res.socket?.destroy();
      });
      return;
    }
    const calls = concreteCalls(api, turn.calls ?? [], parsed.tools, cwd, id);
    const reply: Reply = { turn, calls, model, usage: turn.usage ?? { input: estimate(raw), output: estimate(JSON.stringify(turnShape(turn))) } };
    answer(res, api, parsed.stream, reply);
  }

  function answer(res: ServerResponse, api: ApiName, stream: boolean, reply: Reply): void {
    const rid = id('');
    if (stream) {
      if (api === 'anthropic') return anthropicStream(res, reply, `msg_${rid}`);
      if (api === 'responses') return responsesStream(res, reply, rid);
      if (api === 'chat') return chatStream(res, reply, rid);
      return geminiStream(res, reply);
    }
    const json = api === 'anthropic' ? anthropicJson(reply, `msg_${rid}`) : api === 'chat' ? chatJson(reply, rid) : api === 'gemini' ? geminiJson(reply) : null;
    if (json === null) return responsesStream(res, reply, rid);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  }

  function fail(res: ServerResponse, api: ApiName, status: 429 | 500): void {
    const body = api === 'anthropic' ? anthropicError(status) : api === 'responses' ? responsesError(status) : api === 'chat' ? chatError(status) : geminiError(status);
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) }).end(JSON.stringify(body));
  }

  function other(req: IncomingMessage, res: ServerResponse, method: string, p: string, raw: string, bare: Omit<LoggedRequest, 'seq' | 'api' | 'reply'>): void {
    const send = (status: number, body: unknown, reply = String(status)) => {
      log({ ...bare, api: 'other', reply });
      res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (p === '/' || p === '') return send(200, '{}', 'root');
    if (method === 'GET' && /\/responses$/.test(p)) return send(426, { error: { message: 'websocket not supported: use POST' } }, '426');
    if (method === 'GET' && /\/models$/.test(p)) return send(200, { object: 'list', data: [], models: [] }, 'models');
    if (method === 'POST' && /count_tokens$/.test(p)) return send(200, { input_tokens: estimate(raw) }, 'count');
    if (method === 'POST' && /:countTokens$/.test(p)) return send(200, { totalTokens: estimate(raw) }, 'count');
    void req;
    return send(404, { error: { message: `no such scripted endpoint: ${method} ${p}` } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`scripted server error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Codex tries a websocket first: refuse the upgrade at once so it falls back to HTTP.
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    log({ method: req.method ?? 'GET', path: req.url ?? '/', api: 'other', auth: authOf(req, new URL(req.url ?? '/', 'http://127.0.0.1')), stream: false, side: true, tools: [], toolResults: [], userTexts: [], assistantTexts: [], reply: '426' });
    socket.end('HTTP/1.1 426 Upgrade Required\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    agentRequests: () => requests.filter((r) => r.turnIndex !== undefined),
    setScript(script, model) {
      if (model === undefined) defaultPlayer = new ScriptPlayer(script);
      else players.set(model, new ScriptPlayer(script));
    },
    waitFor(pred, timeoutMs = 120_000) {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (r: LoggedRequest) => { clearTimeout(timer); resolve(r); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no matching request to the scripted model server within ${timeoutMs} ms (${requests.length} requests: ${requests.map((r) => `${r.method} ${r.path} ${r.reply}`).join('; ')})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const turnShape = (t: Turn) => ({ text: t.text, calls: t.calls });
