export { AccountResolver } from './account.resolver.js';
export { AdminUserResolver } from './admin-user.resolver.js';
export { AuthResolver } from './auth.resolver.js';
export { AuthService } from './auth.service.js';
export { EmailCode } from './email-code.entity.js';
export { EmailCodeService } from './email-code.service.js';
export { UserImportService } from './user-import.service.js';
export { Gender, Role, User } from './user.entity.js';
export { UserService, type TermDirectory } from './user.service.js';
