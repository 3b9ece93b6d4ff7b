/**
 * Phase one of a conformance run: every recorded request of a folder is replayed against a fresh
 * simulator in the lenient (direct host) profile, as the conformance company's device, and each must
 * be accepted (000, or 001 for an empty read). Whatever goes wrong with one file is that file's
 * failure: the run goes on.
 */
import { CONFORMANCE_DEVICE_SERIALS, CONFORMANCE_TAXPAYER } from '../../src-shared/etims/demo';
import { ENDPOINTS } from '../../src-shared/etims/endpoints';
import { launchSimulator, type SimulatorProcess } from '../kra-sim/launch';
import { fill, FillError, freshState, PLACEHOLDER, sequenceOf, type Identity, type ReplayState } from './fill';
import { readRequests, type Body, type RecordedRequest } from './requests';

export interface FileResult {
  /** Relative to the folder given. */
  file: string;
  ok: boolean;
  reason: string | null;
  /** The spec rule the recorded payload breaks, when it is a listed exception (exceptions.ts). */
  exception?: string;
}

/** Odoo's recorded payloads are dated 2024-04-15 (Nairobi); the simulator's clock is set to match. */
const RECORDED_AT = new Date('2024-04-15T00:00:00Z');

export async function replayRequests(folder: string): Promise<FileResult[]> {
  const { requests, unreadable } = readRequests(folder);
  const results: FileResult[] = unreadable.map((u) => ({ file: u.file, ok: false, reason: u.reason }));
  const sim = await launchSimulator({ profile: 'direct', seed: 'conformance' });
  try {
    await sim.admin.setClock(RECORDED_AT);
    const state = freshState();
    try {
      state.device = await initialise(sim);
    } catch (error) {
      return [...results, ...requests.map((request) => failed(request, error))];
    }
    for (const stage of [...new Set(requests.map((r) => r.stage))]) {
      const pending = requests.filter((r) => r.stage === stage);
      while (pending.length > 0) {
        const [request] = pending.splice(nextOf(pending, state), 1);
        results.push(await replay(sim, request!, state).catch((error: unknown) => failed(request!, error)));
      }
    }
  } finally {
    await sim.stop();
  }
  return results;
}

/** A file recorded with a fixed number is sent when the sequence reaches it; the others fill the gaps. */
function nextOf(pending: RecordedRequest[], state: ReplayState): number {
  const sequence = sequenceOf(pending[0]!.endpoint);
  if (!sequence) return 0;
  const fixed = (r: RecordedRequest) => r.body[sequence.field] !== PLACEHOLDER;
  const due = pending.findIndex((r) => fixed(r) && Number(r.body[sequence.field]) === sequence.last(state) + 1);
  if (due >= 0) return due;
  const free = pending.findIndex((r) => !fixed(r));
  return free >= 0 ? free : 0;
}

function failed(request: RecordedRequest, error: unknown): FileResult {
  return { file: request.file, ok: false, reason: `${request.endpoint}: ${error instanceof Error ? error.message : String(error)}` };
}

async function initialise(sim: SimulatorProcess): Promise<Identity> {
  const tin = CONFORMANCE_TAXPAYER.tin;
  const bhfId = '00';
  const answer = await post(sim, 'selectInitOsdcInfo', { tin, bhfId, dvcSrlNo: CONFORMANCE_DEVICE_SERIALS[0] }, {});
  const info = (answer.data as { info?: { cmcKey?: string } } | null)?.info;
  if (answer.resultCd !== '000' || !info?.cmcKey) throw new Error(`the simulator refused to initialise the conformance device: ${answer.resultCd} ${answer.resultMsg}`);
  return { tin, bhfId, cmcKey: info.cmcKey };
}

async function replay(sim: SimulatorProcess, request: RecordedRequest, state: ReplayState): Promise<FileResult> {
  const result = (ok: boolean, reason: string | null): FileResult => ({ file: request.file, ok, reason });
  let body: Body;
  try {
    body = fill(request.endpoint, request.body, state);
  } catch (error) {
    if (error instanceof FillError) return result(false, error.message);
    throw error;
  }
  if (request.endpoint === 'selectInitOsdcInfo') await sim.admin.registerDevice(String(body.tin), String(body.bhfId), String(body.dvcSrlNo));
  const device = state.device!;
  const headers: Record<string, string> = request.endpoint === 'selectInitOsdcInfo' ? {} : { tin: device.tin, bhfId: device.bhfId, cmcKey: device.cmcKey };
  const answer = await post(sim, request.endpoint, body, headers);
  const isRead = ENDPOINTS[request.endpoint].kind === 'read' || ENDPOINTS[request.endpoint].kind === 'bulkRead';
  if (answer.resultCd !== '000' && !(isRead && answer.resultCd === '001')) {
    return result(false, `${request.endpoint} answered ${answer.resultCd} ${answer.resultMsg}`);
  }
  remember(request, body, state);
  return result(true, null);
}

/** What a client keeps from an accepted request. */
function remember(request: RecordedRequest, body: Body, state: ReplayState): void {
  switch (request.endpoint) {
    case 'saveItem': {
      state.items.push({ code: String(body.itemCd), classCode: String(body.itemClsCd), name: String(body.itemNm) });
      const sequence = /(\d{7})$/.exec(String(body.itemCd));
      if (sequence) state.itemSequence = Math.max(state.itemSequence, Number(sequence[1]));
      return;
    }
    case 'saveTrnsSalesOsdc':
      state.lastSale = Number(body.invcNo);
      if (body.rcptTyCd === 'S') state.sales.push({ invcNo: Number(body.invcNo), buyerTin: typeof body.custTin === 'string' ? body.custTin : null, total: Number(body.totAmt) });
      return;
    case 'insertTrnsPurchase':
      state.lastPurchase = Number(body.invcNo);
      return;
    case 'insertStockIO':
      state.lastSar = Number(body.sarNo);
      state.lastMovedItem = String((body.itemList as Body[])[0]?.itemCd ?? '') || state.lastMovedItem;
      return;
  }
}

interface Envelope {
  resultCd: string;
  resultMsg: string;
  data: unknown;
}

async function post(sim: SimulatorProcess, endpoint: keyof typeof ENDPOINTS, body: Body, headers: Record<string, string>): Promise<Envelope> {
  const response = await fetch(sim.directBase + ENDPOINTS[endpoint].direct, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Envelope;
}
