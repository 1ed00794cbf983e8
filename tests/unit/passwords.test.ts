import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKeys } from '../../src/auth/keys.js';
import {
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  verifyPassword,
} from '../../src/auth/passwords.js';
import { loadConfig } from '../../src/config/index.js';

describe('passwords', () => {
  it('hashes with scrypt, a random salt and the parameters stored alongside', async () => {
    const a = await hashPassword('password123');
    const b = await hashPassword('password123');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'password123')).toBe(true);
    expect(await verifyPassword(a, 'password124')).toBe(false);
    expect(await verifyPassword('garbage', 'password123')).toBe(false);
    expect(needsRehash(a)).toBe(false);
    expect(needsRehash(a.replace(`$${SCRYPT_PARAMS.N}$`, '$16384$'))).toBe(true);
  });
});

describe('secret keys', () => {
  it('generates a development key once into DATA_DIR (mode 0600) and reuses it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'campus-keys-'));
    const config = loadConfig({ DATA_DIR: dir });
    const first = await loadSecretKeys(config);
    const file = path.join(dir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64url')).toHaveLength(32);
    const second = await loadSecretKeys(config);
    expect(Buffer.from(second.jwt).equals(Buffer.from(first.jwt))).toBe(true);
    expect(Buffer.from(second.codes).equals(Buffer.from(first.jwt))).toBe(false);
  });

  it('uses JWT_SECRET when set', async () => {
    const keys = await loadSecretKeys(loadConfig({ JWT_SECRET: 'k'.repeat(40) }));
    expect(Buffer.from(keys.jwt).toString()).toBe('k'.repeat(40));
  });
});
