import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import type { RequestContext } from './context.js';

type Middleware = (req: Request, res: Response, next: (err?: unknown) => void) => void;

/**
 * Runs a middleware that only sets fixed response headers (helmet with a
 * static policy) once, and returns a function that sets the same headers on a
 * response in a single loop: the same headers on every response without a
 * dozen middleware layers per request.
 */
export function staticHeaders(middleware: Middleware): (res: ServerResponse) => void {
  const headers: [string, string | number | readonly string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
    getHeader: () => undefined,
  };
  let failure: unknown;
  middleware({} as Request, recorder as unknown as Response, (err) => (failure = err));
  if (failure) throw failure instanceof Error ? failure : new Error('header middleware failed');
  return (res) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}

/** An HTTP-level refusal (before GraphQL): its status and a message for the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const JSON_CONTENT_TYPE =
  /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

/**
 * True for the requests {@link readJsonBody} can take without express: a
 * POST to exactly `path`, JSON in UTF-8, not compressed, and same-origin (a
 * request with Origin needs the CORS middleware). Everything else, including
 * every malformed variant, goes through express as before.
 */
export function isPlainJsonPost(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST' || req.url !== path || req.headers.origin !== undefined) return false;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = req.headers['content-type'];
  return type !== undefined && JSON_CONTENT_TYPE.test(type);
}

/**
 * Reads and parses a JSON request body of at most `limit` bytes, as
 * `express.json({ strict: true })` does for UTF-8: an empty body is `{}`, a
 * leading BOM is ignored, anything but an object or array is refused (400),
 * and a body over the limit is refused (413) without reading the rest.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      reject(new HttpError(413, 'Request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        cleanup();
        reject(new HttpError(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      let text = buffer.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length === 0) return resolve({});
      try {
        const body: unknown = JSON.parse(text);
        if (body === null || typeof body !== 'object')
          throw new SyntaxError('JSON body must be an object or an array');
        resolve(body);
      } catch (err) {
        reject(new HttpError(400, (err as Error).message));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new HttpError(400, err.message));
    };
    const onClose = () => {
      cleanup();
      reject(new HttpError(400, 'request aborted'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Apollo Server over node's HTTP request and response: what
 * `@as-integrations/express5` does, without a legacy `url.parse` per request,
 * writing the finished body with its length in one `end`. Works the same for
 * requests routed by express and for those taken without it.
 */
export async function serveGraphql(
  server: ApolloServer<RequestContext>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<RequestContext>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: query >= 0 ? url.slice(query) : '',
      body,
    },
    context,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
