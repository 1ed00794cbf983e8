import type { AuthChecker } from 'type-graphql';
import { AppError } from '../errors/index.js';
import type { RequestContext } from '../app/context.js';
import type { Role } from './viewer.js';

/**
 * The one AuthChecker: `@Authorized()` needs a signed-in viewer,
 * `@Authorized(Role.ADMIN)` needs that role. Anonymous callers get
 * UNAUTHENTICATED, signed-in callers without the role FORBIDDEN.
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw AppError.unauthenticated();
  if (roles.length > 0 && !roles.includes(viewer.role)) throw AppError.forbidden();
  return true;
};
