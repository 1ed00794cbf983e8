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
import { Address } from '../modules/shop/address.entity.js';
import { CartItem } from '../modules/shop/cart-item.entity.js';
import { Category } from '../modules/shop/category.entity.js';
import { Favorite } from '../modules/shop/favorite.entity.js';
import { Order, OrderLine } from '../modules/shop/order.entity.js';
import { PaymentRecord } from '../modules/shop/payment-record.entity.js';
import { Product } from '../modules/shop/product.entity.js';

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
  Category,
  Product,
  CartItem,
  Favorite,
  Address,
  Order,
  OrderLine,
  PaymentRecord,
];
