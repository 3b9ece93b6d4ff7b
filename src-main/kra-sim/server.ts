/**
 * The simulator's HTTP server on 127.0.0.1: KRA's endpoints under both path sets (faults applied
 * first), the gateway's token endpoint, the verification and notice pages, and the admin API
 * under /__sim/, which faults never touch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ENDPOINT_NAMES, ENDPOINTS, PROFILE_BASE, type EndpointName, type Profile } from '../../src-shared/etims/endpoints';
import { Rejection } from './context';
import { FaultSpecError, TOKEN_ENDPOINT, type FaultDecision } from './faults';
import { noticePage, receiptPage } from './pages';
import { ADMIN, type FaultSpec, type SimConfigPatch } from './protocol';
import { ConfigError, type Answer, type Simulator } from './simulator';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const TOKEN_PATH = '/v1/token/generate';
const RECEIPT_PATH = '/common/link/etims/receipt/indexEtimsReceiptData';
const NOTICE_PATH = '/common/link/ebm/receipt/indexEbmNotice';

const BY_PATH: Record<Profile, Map<string, EndpointName>> = {
  direct: new Map(ENDPOINT_NAMES.map((name) => [ENDPOINTS[name].direct.toLowerCase(), name])),
  gateway: new Map(ENDPOINT_NAMES.map((name) => [ENDPOINTS[name].gateway.toLowerCase(), name])),
};

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createSimServer(sim: Simulator): Server {
  const server = createServer((req, res) => {
    route(sim, server, req, res).catch((error: unknown) => {
      process.stderr.write(`kra-sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!res.headersSent) send(res, { status: 500, type: 'text', text: 'internal simulator error' });
      else res.destroy();
    });
  });
  return server;
}

async function route(sim: Simulator, server: Server, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith(ADMIN)) return admin(sim, req, res, path.slice(ADMIN.length), url.searchParams);
  if (path === RECEIPT_PATH) return sendPage(res, receiptPage(sim.state, url.searchParams.get('Data') ?? ''));
  if (path === NOTICE_PATH) return sendPage(res, noticePage(sim.state, url.searchParams.get('noticeNo') ?? ''));
  if (path === TOKEN_PATH) return kra(sim, req, res, TOKEN_ENDPOINT, () => sim.issueToken(url.searchParams, req.headers));
  for (const via of ['direct', 'gateway'] as const) {
    const base = PROFILE_BASE[via];
    if (!path.startsWith(base)) continue;
    const name = BY_PATH[via].get(path.slice(base.length).replace(/\/+$/, '').toLowerCase());
    if (!name) break;
    const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    return kra(sim, req, res, name, (raw) => sim.answer(name, via, req.method ?? 'GET', req.headers, raw, baseUrl), via);
  }
  send(res, { status: 404, type: 'text', text: `no such path: ${path}` });
}

/** A KRA call: counted, then subjected to the faults in force, then answered. */
async function kra(sim: Simulator, req: IncomingMessage, res: ServerResponse, name: string, answer: (raw: string) => Answer, via: Profile = 'direct'): Promise<void> {
  sim.count(name);
  const decision: FaultDecision = sim.faults.decide(name);
  const action = decision.action;
  if (action?.kind === 'down') {
    req.socket.destroy();
    return;
  }
  const raw = await readBody(req);
  // A slow KRA still processes a call whose client gave up waiting: that is what makes outcomes unknown.
  if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
  switch (action?.kind) {
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'http':
      return send(res, { status: action.status, type: 'html', text: `<html><body><h1>${action.status}</h1><p>The upstream server is not available.</p></body></html>` });
    case 'nonJson':
      return send(res, { status: 200, type: 'html', text: '<html><body><h1>Service temporarily unavailable</h1></body></html>' });
    case 'result999':
      return send(res, sim.envelope(via, { code: '999', message: new Rejection('999').message, data: null }));
    case 'tryAgain':
      return send(res, sim.serverFault());
  }
  const answered = answer(raw);
  if (action?.kind === 'lostResponse') {
    req.socket.destroy();
    return;
  }
  send(res, answered);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AdminError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TYPES = { json: 'application/json; charset=utf-8', html: 'text/html; charset=utf-8', text: 'text/plain; charset=utf-8' } as const;

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { 'Content-Type': TYPES[answer.type], 'Content-Length': Buffer.byteLength(answer.text) });
  res.end(answer.text);
}

function sendPage(res: ServerResponse, page: { status: number; html: string }): void {
  send(res, { status: page.status, type: 'html', text: page.html });
}

async function admin(sim: Simulator, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const reply = (status: number, value: unknown) => send(res, { status, type: 'json', text: value === undefined ? '' : JSON.stringify(value) });
  try {
    const raw = await readBody(req);
    const body = raw.trim() === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const result = adminCall(sim, `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`, body, query);
    reply(200, result ?? null);
  } catch (error) {
    if (error instanceof SyntaxError) return reply(400, { error: `the body is not JSON: ${error.message}` });
    if (error instanceof AdminError) return reply(error.status, { error: error.message });
    if (error instanceof ConfigError || error instanceof FaultSpecError) return reply(400, { error: error.message });
    throw error;
  }
}

function adminCall(sim: Simulator, call: string, body: Record<string, unknown>, query: URLSearchParams): unknown {
  const faultId = /^DELETE faults\/(.+)$/.exec(call)?.[1];
  if (faultId) {
    if (!sim.faults.remove(decodeURIComponent(faultId))) throw new AdminError(404, `no fault ${faultId}`);
    return null;
  }
  switch (call) {
    case 'POST reset':
      return sim.reset();
    case 'GET clock':
      return { now: sim.clock.now().toISOString() };
    case 'POST clock':
      if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) sim.setClock(new Date(body.now));
      else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) sim.advanceClock(body.advanceMs);
      else throw new AdminError(400, 'give { "now": ISO date-time } or { "advanceMs": number }');
      return { now: sim.clock.now().toISOString() };
    case 'GET config':
      return sim.config();
    case 'POST config':
      return sim.setConfig(body as SimConfigPatch);
    case 'GET faults':
      return sim.faults.list();
    case 'POST faults':
      return { id: sim.faults.add(body as unknown as FaultSpec) };
    case 'DELETE faults':
      return sim.faults.clear();
    case 'GET sales': {
      const tin = query.get('tin');
      if (!tin) throw new AdminError(400, 'give ?tin= (and optionally &bhfId=)');
      return sim.acceptedSales(tin, query.get('bhfId') ?? undefined);
    }
    case 'POST devices':
      sim.registerDevice(String(body.tin ?? ''), String(body.bhfId ?? ''), String(body.dvcSrlNo ?? ''));
      return null;
    case 'GET stats':
      return sim.statistics();
    default:
      throw new AdminError(404, `no admin call ${call}; see src-main/kra-sim/README.md`);
  }
}
