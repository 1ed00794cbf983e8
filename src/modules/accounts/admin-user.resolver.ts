import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { CreateUserInput } from './accounts.inputs.js';
import { ImportUsersResult } from './accounts.types.js';
import { Role, User } from './user.entity.js';
import { UserImportService } from './user-import.service.js';
import { UserService } from './user.service.js';

@Resolver()
export class AdminUserResolver {
  constructor(
    private readonly users: UserService,
    private readonly importer: UserImportService,
  ) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'ADMIN only.' })
  createUser(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
  ): Promise<User> {
    return this.users.createUser(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ImportUsersResult, {
    description: 'ADMIN only. CSV with header: username,password,realName,email,termIndex',
    // One password hash per row: the heaviest operation there is.
    complexity: 500,
  })
  importUsers(
    @Ctx() ctx: RequestContext,
    @Arg('csv', () => String) csv: string,
  ): Promise<ImportUsersResult> {
    return this.importer.importUsers(ctx, csv);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, {
    description: "ADMIN only. Sets a new password and ends the user's sessions.",
  })
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('userId', () => ID) userId: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return this.users.resetPassword(ctx, userId, newPassword);
  }
}
