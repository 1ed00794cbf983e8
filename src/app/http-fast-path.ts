import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RequestContext } from './context.js';

type Middleware = (req: Request, res: Response, next: (err?: unknown) => void) => void;

/**
 * Runs a middleware that only sets fixed response headers (helmet with a
 * static policy) once, and returns one middleware that sets the same headers
 * in a single loop: the same headers on every response without a dozen
 * middleware layers per request.
 */
export function precomputedHeaders(middleware: Middleware): RequestHandler {
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
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/**
 * Apollo Server on express 5: what `@as-integrations/express5` does, without
 * a legacy `url.parse` per request, writing the finished body with its length
 * in one `end`.
 */
export function graphqlHandler(
  server: ApolloServer<RequestContext>,
  context: (req: Request, res: Response) => Promise<RequestContext>,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const query = req.url.indexOf('?');
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: query >= 0 ? req.url.slice(query) : '',
          body: req.body as unknown,
        },
        context: () => context(req, res),
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
    } catch (err) {
      next(err);
    }
  };
}
