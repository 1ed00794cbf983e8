import { RetiredRefreshToken, Session } from '../auth/session.entity.js';
import { EmailCode } from '../modules/accounts/email-code.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { Todo } from '../modules/todos/todo.entity.js';
import { WechatIdentity } from '../modules/wechat/wechat-identity.entity.js';
import { CourseType } from '../modules/courses/course-type.entity.js';
import { Course } from '../modules/courses/course.entity.js';
import { Enrollment } from '../modules/courses/enrollment.entity.js';
import { Period } from '../modules/courses/period.entity.js';
import { Term } from '../modules/courses/term.entity.js';

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
  Term,
  Period,
  CourseType,
  Course,
  Enrollment,
];
