import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/index.js';

/** Keys derived from the one service secret (`JWT_SECRET` or the generated dev key). */
export interface SecretKeys {
  /** HS256 key for access tokens. */
  readonly jwt: Uint8Array;
  /** HMAC key for email codes (so a stolen table cannot be brute-forced offline). */
  readonly codes: Uint8Array;
  /** AES-256-GCM key for secrets parked in the shared store (finished QR logins). */
  readonly sealing: Uint8Array;
}

function derive(secret: Buffer, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, Buffer.alloc(0), `campus:${purpose}`, 32));
}

/**
 * Loads the service secret: `JWT_SECRET` when set (required in production),
 * otherwise a random 256-bit key generated once into `DATA_DIR/jwt-secret`
 * (mode 0600) and reused on later starts.
 */
export async function loadSecretKeys(config: Config): Promise<SecretKeys> {
  let secret: Buffer;
  if (config.auth.jwtSecret) {
    secret = Buffer.from(config.auth.jwtSecret, 'utf8');
  } else {
    const file = path.join(config.dataDir, 'jwt-secret');
    if (existsSync(file)) {
      secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    } else {
      await mkdir(config.dataDir, { recursive: true });
      secret = randomBytes(32);
      await writeFile(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' }).catch(
        async (err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
          secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
        },
      );
      await chmod(file, 0o600);
    }
  }
  return {
    jwt: new Uint8Array(secret),
    codes: derive(secret, 'email-codes'),
    sealing: derive(secret, 'sealing'),
  };
}
