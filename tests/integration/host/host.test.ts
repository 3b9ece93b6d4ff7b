import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHost, type Host } from '../../../src-main/host/server';
import { projectPaths } from '../../../src-main/paths';
import { startTestApp, type TestApp } from '../../support/app';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const method = options.method ?? 'POST';
    const headers = { ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the headless host', () => {
  let app: TestApp;
  let host: Host;
  before(async () => {
    app = startTestApp();
    host = await startHost({ app, rendererDir: projectPaths.renderer });
  });
  after(async () => {
    await host.close();
    await app.dispose();
  });

  it('listens on loopback only', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers POST /api/system.health without a session', async () => {
    const reply = await send(`${host.url}api/system.health`, { body: '{}' });
    assert.equal(reply.status, 200);
    assert.equal(JSON.parse(reply.body).value.status, 'ok');
  });

  it('runs a whole session: login, sync.status with the bearer token, logout', async () => {
    const login = JSON.parse((await send(`${host.url}api/session.login`, { body: '{"pin":"1234"}' })).body);
    assert.equal(login.ok, true);
    const auth = { Authorization: `Bearer ${login.value.token}` };
    const status = await send(`${host.url}api/sync.status`, { headers: auth });
    assert.equal(status.status, 200);
    assert.equal(JSON.parse(status.body).value.queueDepth, 0);
    assert.equal((await send(`${host.url}api/session.logout`, { headers: auth })).status, 200);
    assert.equal((await send(`${host.url}api/sync.status`, { headers: auth })).status, 401);
  });

  const errors: [string, string, { method?: string; body?: string; headers?: Record<string, string> }, number, string][] = [
    ['bad JSON', 'api/session.login', { body: '{"pin":' }, 400, 'BAD_REQUEST'],
    ['an unknown method', 'api/sale.teleport', { body: '{}' }, 404, 'UNKNOWN_METHOD'],
    ['a missing session', 'api/sync.status', { body: '{}' }, 401, 'NOT_LOGGED_IN'],
    ['an unknown token', 'api/sync.status', { body: '{}', headers: { Authorization: 'Bearer nope' } }, 401, 'NOT_LOGGED_IN'],
    ['a GET on a method', 'api/system.health', { method: 'GET' }, 400, 'BAD_REQUEST'],
    ['a bad field', 'api/session.login', { body: '{"pin":"12"}' }, 400, 'INVALID_INPUT'],
    ['a wrong PIN', 'api/session.login', { body: '{"pin":"0000"}' }, 401, 'WRONG_PIN'],
    ['a malformed % escape', 'api/session.login%ZZ', { body: '{}' }, 400, 'BAD_REQUEST'],
    ['a malformed % escape in a file path', '%E0%A4%A', { method: 'GET' }, 400, 'BAD_REQUEST'],
    ['a text/plain body (a cross-site form)', 'api/session.login', { body: '{"pin":"0000"}', headers: { 'Content-Type': 'text/plain' } }, 400, 'BAD_REQUEST'],
    ['a form body', 'api/session.login', { body: 'pin=0000', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 400, 'BAD_REQUEST'],
    ['a foreign Origin', 'api/session.login', { body: '{"pin":"0000"}', headers: { Origin: 'https://evil.example' } }, 403, 'FORBIDDEN'],
    ['a page of another site', 'api/session.login', { body: '{"pin":"0000"}', headers: { 'Sec-Fetch-Site': 'cross-site' } }, 403, 'FORBIDDEN'],
    ['events without a token', 'api/events', { method: 'GET' }, 401, 'NOT_LOGGED_IN'],
    ['a body over 1 MB', 'api/session.login', { body: JSON.stringify({ pin: 'x'.repeat(1_100_000) }) }, 400, 'BAD_REQUEST'],
  ];
  for (const [what, path, options, status, code] of errors) {
    it(`answers ${what} with a JSON error ${code}`, { timeout: 20_000 }, async () => {
      const reply = await send(host.url + path, options);
      assert.equal(reply.status, status);
      assert.match(String(reply.headers['content-type']), /^application\/json/);
      const body = JSON.parse(reply.body);
      assert.equal(body.ok, false);
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 0);
    });
  }

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const reply = await send(`${host.url}api/system.health`, { body: '{}', headers: { Host: 'evil.example:80' } });
    assert.equal(reply.status, 403);
  });

  it('serves the built till with a strict content security policy', async () => {
    const reply = await send(host.url, { method: 'GET' });
    assert.equal(reply.status, 200);
    assert.match(reply.body, /<div id="root">/);
    assert.match(String(reply.headers['content-security-policy']), /default-src 'self'; script-src 'self'/);
    const traversal = await send(`${host.url}..%2f..%2fpackage.json`, { method: 'GET' });
    assert.doesNotMatch(traversal.body, /"name": "mauzo"/);
  });

  it('leaves the PIN count alone when a cross-site page posts wrong PINs', async () => {
    for (let i = 0; i < 6; i++) {
      await send(`${host.url}api/session.login`, { body: '{"pin":"0000"}', headers: { 'Content-Type': 'text/plain' } });
    }
    const login = await send(`${host.url}api/session.login`, { body: '{"pin":"1234"}' });
    assert.equal(login.status, 200, login.body);
  });

  it('takes the same origin\'s JSON, and a CSV import body over 1 MB to its method', async () => {
    const origin = host.url.replace(/\/$/, '');
    const health = await send(`${host.url}api/system.health`, { body: '{}', headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(health.status, 200);
    const csv = `code,name\n${'x'.repeat(2_000_000)}\n`;
    const imported = await send(`${host.url}api/items.importCsv`, { body: JSON.stringify({ csv }) });
    assert.equal(JSON.parse(imported.body).error.code, 'NOT_LOGGED_IN', 'read whole and passed on, not refused for its size');
  });

  it('serves no source maps', async () => {
    const maps = readdirSync(join(projectPaths.renderer, 'assets')).filter((name) => name.endsWith('.map'));
    assert.ok(maps.length > 0, 'the build writes source maps, for the developers');
    for (const map of maps) {
      const reply = await send(`${host.url}assets/${map}`, { method: 'GET' });
      assert.doesNotMatch(reply.body, /"mappings"/);
    }
  });

  it('streams engine events as server-sent events to a logged-in till', async () => {
    const { token } = await app.call('session.login', { pin: '1234' });
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${host.url}api/events?token=${token}`, { method: 'GET' }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes(': connected')) {
            app.events.emit('sync.status', {
              state: 'offline', queueDepth: 3, oldestUnsignedAgeSeconds: 60, lastContactAt: null, secondsUntilBlock: 100, lastError: null, offlineLimitSeconds: 86_400, alerts: [],
            });
          }
          if (text.includes('\n\ndata') || /data: .*\n\n/.test(text)) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    assert.match(text, /event: sync\.status\ndata: \{"state":"offline","queueDepth":3/);
  });
});
