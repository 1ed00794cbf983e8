import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Public } from '../../auth/decorators.js';
import { RegisterInput } from './accounts.inputs.js';
import { AuthPayload } from './accounts.types.js';
import { AuthService } from './auth.service.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  register(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterInput) input: RegisterInput,
  ): Promise<AuthPayload> {
    return this.auth.register(ctx, input);
  }

  @Public()
  @Mutation(() => AuthPayload)
  login(
    @Ctx() ctx: RequestContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<AuthPayload> {
    return this.auth.login(ctx, username, password);
  }

  @Public()
  @Mutation(() => AuthPayload)
  refreshToken(
    @Ctx() ctx: RequestContext,
    @Arg('refreshToken', () => String) refreshToken: string,
  ): Promise<AuthPayload> {
    return this.auth.refresh(ctx, refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Revokes the current session.' })
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.auth.logout(ctx);
  }
}
