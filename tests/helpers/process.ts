import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Resolves with the base URL once the server logs that it listens. */
  readonly url: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Runs `src/main.ts` (through @oxc-node, no build needed) as a real process with only the given environment. */
export function spawnServer(
  env: Record<string, string | undefined>,
  options: { asUser?: string } = {},
): ServerProcess {
  const clean: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
  };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
  const node = [process.execPath, '--import', '@oxc-node/core/register', 'src/main.ts'];
  const [command, ...args] = options.asUser
    ? [
        'runuser',
        '-u',
        options.asUser,
        '--',
        'env',
        ...Object.entries(clean).map(([k, v]) => `${k}=${v}`),
        ...node,
      ]
    : node;
  const child = spawn(command!, args, { env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let resolveUrl: (url: string) => void = () => undefined;
  let rejectUrl: (error: Error) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => undefined);
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      stdout.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) resolveUrl(entry.url.replace(/\/graphql$/, ''));
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) =>
    stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      rejectUrl(
        new Error(`server exited (${code ?? signal}) before listening: ${stderr.join('\n')}`),
      );
      resolve({ code, signal });
    });
  });
  return { child, url, exited, stdout, stderr };
}

/**
 * Whether an embedded PostgreSQL can start from this checkout: as root it runs
 * as the `postgres` user, which must be able to enter every directory down to
 * node_modules (not so for a checkout under a 0700 directory).
 */
export function embeddedPostgresReachable(): boolean {
  if (process.getuid?.() !== 0) return true;
  for (let dir = path.resolve('node_modules'); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}
