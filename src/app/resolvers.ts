import type { NonEmptyArray } from 'type-graphql';
import { AccountResolver, AdminUserResolver, AuthResolver } from '../modules/accounts/index.js';
import { SystemResolver } from '../modules/system/system.resolver.js';
import { TodoResolver } from '../modules/todos/index.js';
import { UserWechatResolver, WechatResolver } from '../modules/wechat/index.js';
import {
  CourseAdminResolver,
  CourseFieldsResolver,
  CourseResolver,
  EnrollmentFieldsResolver,
  EnrollmentResolver,
  PeriodFieldsResolver,
  TermFieldsResolver,
  UserTermResolver,
} from '../modules/courses/index.js';
import {
  CartItemFieldsResolver,
  CartResolver,
  CategoryFieldsResolver,
  OrderFieldsResolver,
  OrderLineFieldsResolver,
  OrderResolver,
  ProductFieldsResolver,
  ProductResolver,
  ShopAdminResolver,
} from '../modules/shop/index.js';

/** Every resolver class of the service. */
export const RESOLVERS: NonEmptyArray<Function> = [
  SystemResolver,
  AuthResolver,
  AccountResolver,
  AdminUserResolver,
  TodoResolver,
  WechatResolver,
  UserWechatResolver,
  CourseResolver,
  CourseFieldsResolver,
  TermFieldsResolver,
  PeriodFieldsResolver,
  UserTermResolver,
  EnrollmentResolver,
  EnrollmentFieldsResolver,
  CourseAdminResolver,
  ProductResolver,
  CategoryFieldsResolver,
  ProductFieldsResolver,
  CartResolver,
  CartItemFieldsResolver,
  OrderResolver,
  OrderFieldsResolver,
  OrderLineFieldsResolver,
  ShopAdminResolver,
];
