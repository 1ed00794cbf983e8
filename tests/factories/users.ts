import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app/create-app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { SessionService } from '../../src/auth/session.service.js';
import { TokenService } from '../../src/auth/tokens.js';
import { Role, User } from '../../src/modules/accounts/index.js';

export const DEFAULT_PASSWORD = 'correct horse battery';

const hashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose; tests reuse one hash per password. */
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

export interface UserSpec {
  username?: string;
  password?: string;
  role?: Role;
  email?: string | null;
  nickname?: string;
  realName?: string | null;
}

export interface SignedInUser {
  readonly user: User;
  readonly token: string;
  readonly refreshToken: string;
  readonly sessionId: string;
}

let counter = 0;
/** A unique username for this test run. */
export function uniqueName(prefix = 'u'): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;
}

/** Inserts a user directly (no GraphQL), with a known password. */
export async function createUser(app: App, spec: UserSpec = {}): Promise<User> {
  const em = app.orm.em.fork();
  const username = spec.username ?? uniqueName();
  const user = em.create(User, {
    username,
    passwordHash: await cachedHash(spec.password ?? DEFAULT_PASSWORD),
    nickname: spec.nickname ?? username,
    role: spec.role ?? Role.USER,
    email: spec.email ?? null,
    realName: spec.realName ?? null,
  });
  await em.flush();
  return user;
}

/** Opens a session for a user the way a login does, without the password round trip. */
export async function signIn(app: App, user: User): Promise<SignedInUser> {
  const sessions = app.services.container.get(SessionService);
  const tokens = app.services.container.get(TokenService);
  const em = app.orm.em.fork();
  const { session, refreshToken, revokedIds } = await em.transactional((tx) =>
    sessions.open(tx, tx.merge(user), { ip: '127.0.0.1', userAgent: 'test' }),
  );
  await sessions.announceRevoked(revokedIds);
  const access = await tokens.sign(user.id, session.id);
  return { user, token: access.token, refreshToken, sessionId: session.id };
}

/** A new user, signed in. */
export async function signedInUser(app: App, spec: UserSpec = {}): Promise<SignedInUser> {
  return signIn(app, await createUser(app, spec));
}
