import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  t = await startTestApp({
    env: { CORS_ORIGINS: 'https://app.example.com' },
    log: createLogger('info', {}, { write: (line: string) => void logLines.push(line) }),
  });
});
afterAll(() => t?.close());

const preflight = (origin: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization',
    },
  });

describe('CORS', () => {
  it('answers preflights for allow-listed origins only', async () => {
    const allowed = await preflight('https://app.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses simple cross-site GET queries without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
  });
});

describe('security headers', () => {
  it('sends helmet headers, with a CSP that only allows this origin', async () => {
    const response = await fetch(`${t.url}/`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('sends the same headers on GraphQL answers, with a correct length', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
    const text = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('POST /graphql bodies (served without express when plain JSON)', () => {
  const url = () => new URL('/graphql', t.url);
  /** Raw request, so that headers and chunking are exactly as given. */
  const post = (headers: Record<string, string>, ...chunks: (string | Buffer)[]) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const request = http.request(url(), { method: 'POST', headers }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body }),
          );
        });
        request.on('error', reject);
        for (const chunk of chunks) request.write(chunk);
        request.end();
      },
    );
  const json = { 'content-type': 'application/json' };
  const typename = JSON.stringify({ query: '{ __typename }' });

  it('answers with the security headers, a request id and metrics, like every route', async () => {
    const response = await post({ ...json, 'x-request-id': 'req-42' }, typename);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers['x-request-id']).toBe('req-42');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*status="200"/,
    );
  });

  it('writes one access-log line per request with its full path, on either route', async () => {
    await post({ ...json, 'x-request-id': 'fast-1' }, typename);
    // A GET goes through express, whose /graphql mount shortens req.url while it runs.
    await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-request-id': 'express-1', 'apollo-require-preflight': 'true' },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const access = logLines
      .map(
        (line) =>
          JSON.parse(line) as { msg: string; reqId?: string; path?: string; status?: number },
      )
      .filter((entry) => entry.msg === 'request');
    expect(access.find((entry) => entry.reqId === 'fast-1')).toMatchObject({
      path: '/graphql',
      status: 200,
    });
    expect(access.find((entry) => entry.reqId === 'express-1')).toMatchObject({
      path: '/graphql',
      status: 200,
    });
  });

  it('accepts a charset, a byte-order mark and a body split across packets', async () => {
    const charset = await post({ 'content-type': 'Application/JSON; charset="UTF-8"' }, typename);
    expect(JSON.parse(charset.body)).toEqual({ data: { __typename: 'Query' } });
    const bom = await post(json, '\ufeff' + typename);
    expect(JSON.parse(bom.body)).toEqual({ data: { __typename: 'Query' } });
    const bytes = Buffer.from(JSON.stringify({ query: '{ __typename } # 选课' }));
    // Split inside a multi-byte character.
    const split = await post(
      { ...json, 'transfer-encoding': 'chunked' },
      bytes.subarray(0, 28),
      bytes.subarray(28),
    );
    expect(JSON.parse(split.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses malformed JSON and non-object bodies with 400 BAD_USER_INPUT', async () => {
    for (const body of ['{"query":', '"{ __typename }"', '42']) {
      const response = await post(json, body);
      expect(response.status, body).toBe(400);
      expect(JSON.parse(response.body).errors[0].extensions.code, body).toBe('BAD_USER_INPUT');
    }
    const empty = await post(json);
    expect(empty.status).toBe(400);
  });

  it('refuses a chunked body over the limit with 413 without reading it all', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const response = await post(
      { ...json, 'transfer-encoding': 'chunked' },
      `{"query":"{ __typename }","extensions":{"pad":"`,
      ...Array.from({ length: 40 }, () => chunk),
      '"}}',
    );
    expect(response.status).toBe(413);
    // The server still answers afterwards.
    expect((await post(json, typename)).status).toBe(200);
  });

  it('drops a request whose client goes away mid-body, and keeps serving', async () => {
    const request = http.request(url(), {
      method: 'POST',
      headers: { ...json, 'transfer-encoding': 'chunked' },
    });
    request.on('error', () => undefined);
    request.write('{"query":"{ __typ');
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post(json, typename)).status).toBe(200);
  });

  it('leaves other encodings and content types to express: gzip is inflated, text/plain is refused', async () => {
    const gzipped = await post({ ...json, 'content-encoding': 'gzip' }, gzipSync(typename));
    expect(JSON.parse(gzipped.body)).toEqual({ data: { __typename: 'Query' } });
    const plain = await post({ 'content-type': 'text/plain' }, typename);
    expect(plain.status).toBe(400);
  });
});
