import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { hashPassword } from '../../auth/passwords.js';
import { Gender, Role, User } from '../../modules/accounts/user.entity.js';

/** Demo accounts for the playground (documented in the README; development data only). */
export const DEMO_ACCOUNTS = [
  {
    username: 'demo',
    password: 'demo-password',
    role: Role.USER,
    nickname: '演示用户',
    email: 'demo@example.com',
  },
  {
    username: 'demo-admin',
    password: 'demo-admin-password',
    role: Role.ADMIN,
    nickname: '演示管理员',
    email: null,
  },
] as const;

export class AccountsSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    for (const account of DEMO_ACCOUNTS) {
      if (await em.findOne(User, { username: account.username })) continue;
      em.create(User, {
        username: account.username,
        passwordHash: await hashPassword(account.password),
        nickname: account.nickname,
        email: account.email,
        role: account.role,
        gender: Gender.UNKNOWN,
      });
    }
    await em.flush();
  }
}
