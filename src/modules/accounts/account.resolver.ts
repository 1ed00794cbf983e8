import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Public } from '../../auth/decorators.js';
import { ChangePasswordInput, UpdateProfileInput } from './accounts.inputs.js';
import { EmailCodeService } from './email-code.service.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@Resolver()
export class AccountResolver {
  constructor(
    private readonly users: UserService,
    private readonly emailCodes: EmailCodeService,
  ) {}

  @Public()
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: RequestContext): Promise<User | null> {
    return this.users.me(ctx);
  }

  @Authorized()
  @Mutation(() => User)
  updateProfile(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput,
  ): Promise<User> {
    return this.users.updateProfile(ctx, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "Sends a six-digit code to the signed-in user's email; rate limited.",
  })
  requestEmailCode(
    @Ctx() ctx: RequestContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return this.emailCodes.request(ctx, email);
  }

  @Authorized()
  @Mutation(() => Boolean)
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
  ): Promise<boolean> {
    return this.emailCodes.changePassword(ctx, input);
  }
}
