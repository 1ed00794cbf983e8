import { RetiredRefreshToken, Session } from '../auth/session.entity.js';
import { EmailCode } from '../modules/accounts/email-code.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { Todo } from '../modules/todos/todo.entity.js';
import { WechatIdentity } from '../modules/wechat/wechat-identity.entity.js';

/**
 * Every entity class of the service, listed explicitly (no folder scanning, so
 * the same list works from `dist/`, under vitest and under @oxc-node).
 */
export const ENTITIES: Function[] = [
  User,
  Session,
  RetiredRefreshToken,
  EmailCode,
  Todo,
  WechatIdentity,
];
