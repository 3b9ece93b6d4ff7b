/**
 * Conformance phase: every response recorded by another implementation (the JSON files in each
 * `mocked_responses` folder) must be read by Mauzo's client as the endpoint its INDEX.md names.
 * A file passes when its envelope is read and, for 000, its data parses; a recorded 001 or 9xx
 * passes as the empty answer or rejection it is. A file INDEX.md calls a "gateway HTTP 400" envelope
 * is read as the gateway's HTTP 400 answer (spec 13.7). INDEX.md may be above the folder given.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ENDPOINT_NAMES, ENDPOINTS, type EndpointName } from '../../src-shared/etims/endpoints';
import { settle, type OscuResult } from '../oscu/client';
import { readDirect, readGateway } from '../oscu/transport';
import type { FileResult } from './replay';

/** The client could not read the answer at all; any other result is a reading of it. */
const UNREADABLE = new Set(['NOT_JSON', 'BAD_ENVELOPE', 'BAD_DATA']);

/** Every save answers `data: null`; INDEX.md says "any save endpoint" for those files. */
const ANY_SAVE = ENDPOINT_NAMES.filter((name) => ENDPOINTS[name].kind === 'write' && name !== 'saveTrnsSalesOsdc');

/** Phase two of a conformance run, reported like phase one (replay.ts): one result per response file. */
export async function parseRecordedResponses(folder: string): Promise<FileResult[]> {
  const files = await recordedResponses(folder);
  const indexes = new Map<string, Promise<Map<string, string>>>();
  const checks: FileResult[] = [];
  for (const file of files) {
    const name = relative(folder, file).split(sep).join('/');
    try {
      const indexFile = await nearestIndex(dirname(file));
      if (!indexFile) {
        checks.push({ file: name, ok: false, reason: 'no INDEX.md above it says which endpoint answered' });
        continue;
      }
      if (!indexes.has(indexFile)) indexes.set(indexFile, readFile(indexFile, 'utf8').then(indexEntries));
      const said = (await indexes.get(indexFile)!).get(relative(dirname(indexFile), file).split(sep).join('/'));
      checks.push(checkFile(name, await readFile(file, 'utf8'), said));
    } catch (error) {
      checks.push({ file: name, ok: false, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return checks;
}

/** INDEX.md's words for a gateway answer recorded with its HTTP 400 (spec 1.4, 13.7). */
const GATEWAY_400 = /\bgateway\b[^.]*\b(?:HTTP )?400\b/i;

/** One file read as each endpoint INDEX.md names for it. */
export function checkFile(file: string, text: string, said: string | undefined): FileResult {
  const endpoints = endpointsNamed(said);
  if (endpoints.length === 0) {
    return { file, ok: false, reason: said ? `INDEX.md names no endpoint Mauzo knows: "${said}"` : 'not listed in INDEX.md' };
  }
  const answer = said && GATEWAY_400.test(said) ? readGateway(400, text) : readDirect(200, text);
  for (const endpoint of endpoints) {
    const reason = unreadable(settle(endpoint, answer));
    if (reason) return { file, ok: false, reason: `read as ${endpoint}: ${reason}` };
  }
  return { file, ok: true, reason: null };
}

function unreadable(result: OscuResult<unknown>): string | null {
  return !result.ok && result.kind === 'transport' && UNREADABLE.has(result.code) ? result.message : null;
}

function endpointsNamed(said: string | undefined): EndpointName[] {
  if (!said) return [];
  if (/^any save endpoint\b/.test(said)) return ANY_SAVE;
  const first = /^(\w+)/.exec(said)?.[1];
  return first && (ENDPOINT_NAMES as string[]).includes(first) ? [first as EndpointName] : [];
}

/**
 * INDEX.md's tables: a heading "## <folder>/mocked_responses (...)" then lines
 * "<file>.json   <endpoint>, response: ...". Keys are "<folder>/mocked_responses/<file>".
 */
export function indexEntries(markdown: string): Map<string, string> {
  const entries = new Map<string, string>();
  let section: string | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(\S+)/.exec(line);
    if (heading) {
      section = heading[1]!.endsWith('mocked_responses') ? heading[1]! : null;
      continue;
    }
    const entry = /^(\S+\.json)\s+(.+)$/.exec(line);
    if (section && entry) entries.set(`${section}/${entry[1]}`, entry[2]!.trim());
  }
  return entries;
}

async function recordedResponses(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json') && e.parentPath.split(sep).includes('mocked_responses'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The INDEX.md nearest above a response, within or above the folder given (a run may name a sub-folder). */
async function nearestIndex(from: string): Promise<string | null> {
  for (let dir = from; ; dir = dirname(dir)) {
    if ((await readdir(dir)).includes('INDEX.md')) return join(dir, 'INDEX.md');
    if (dirname(dir) === dir) return null;
  }
}
