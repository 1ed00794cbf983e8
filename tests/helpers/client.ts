import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GqlResult<T> {
  data?: T | null;
  errors?: GqlError[];
  status: number;
  headers: Headers;
}

type Doc<R, V> = TypedDocumentNode<R, V> | DocumentNode | string;

function source(doc: Doc<unknown, unknown>): string {
  return typeof doc === 'string' ? doc : print(doc);
}

/** A GraphQL-over-HTTP client for tests, optionally signed in with a bearer token. */
export class TestClient {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  /** Same server, another caller. */
  as(token: string | undefined): TestClient {
    return new TestClient(this.baseUrl, token);
  }

  async request<R, V = Record<string, unknown>>(
    doc: Doc<R, V>,
    variables?: V,
    options: { headers?: Record<string, string> } = {},
  ): Promise<GqlResult<R>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...options.headers,
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: source(doc), variables }),
    });
    const text = await response.text();
    let body: { data?: R; errors?: GqlError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
    }
    return { ...body, status: response.status, headers: response.headers };
  }

  /** Runs the operation and returns `data`, failing the test on any error. */
  async ok<R, V = Record<string, unknown>>(doc: Doc<R, V>, variables?: V): Promise<R> {
    const result = await this.request(doc, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  /** Runs the operation, expects exactly one error and returns it. */
  async fail<R, V = Record<string, unknown>>(
    doc: Doc<R, V>,
    variables?: V,
  ): Promise<GqlError & { status: number }> {
    const result = await this.request(doc, variables);
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return { ...error, status: result.status };
  }

  /** A graphql-ws client on the same URL, sending this client's token in connection_init. */
  ws(options: { token?: string | null; lazy?: boolean } = {}): Client {
    const token = options.token === undefined ? this.token : options.token;
    return createClient({
      url: this.baseUrl.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      lazy: options.lazy ?? true,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
  }
}

/** Collects the results of a subscription so a test can await them one by one. */
export class Subscription<R> {
  private readonly results: { data?: R | null; errors?: readonly GqlError[] }[] = [];
  private readonly waiters: Array<() => void> = [];
  private finished = false;
  private failure: unknown;
  private readonly dispose: () => void;

  constructor(client: Client, doc: Doc<R, unknown>, variables?: Record<string, unknown>) {
    this.dispose = client.subscribe<R>(
      { query: source(doc), variables },
      {
        next: (value) => {
          this.results.push(value as { data?: R | null; errors?: readonly GqlError[] });
          this.wake();
        },
        error: (err) => {
          this.failure = err;
          this.finished = true;
          this.wake();
        },
        complete: () => {
          this.finished = true;
          this.wake();
        },
      },
    );
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  get received(): readonly { data?: R | null; errors?: readonly GqlError[] }[] {
    return this.results;
  }

  get done(): boolean {
    return this.finished;
  }

  get error(): unknown {
    return this.failure;
  }

  /** Waits until at least `count` results arrived (or fails after `timeoutMs`). */
  async waitFor(
    count: number,
    timeoutMs = 5_000,
  ): Promise<{ data?: R | null; errors?: readonly GqlError[] }> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count) {
      if (this.finished)
        throw new Error(
          `subscription ended after ${this.results.length} results: ${String(this.failure)}`,
        );
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for result ${count}; got ${this.results.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results[count - 1]!;
  }

  /** Waits until the server completes or errors the subscription. */
  async waitForEnd(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.finished) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the subscription to end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.dispose();
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
