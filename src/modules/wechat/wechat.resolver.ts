import {
  Arg,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { RequestContext } from '../../app/context.js';
import { Public } from '../../auth/decorators.js';
import { AuthPayload } from '../accounts/accounts.types.js';
import { User } from '../accounts/user.entity.js';
import { QrLoginService, type QrOutcome } from './qr-login.service.js';
import { WechatAccountService } from './wechat-account.service.js';
import { wechatBoundByUserId } from './wechat.loaders.js';
import { WechatQrLogin, WechatQrLoginStatus } from './wechat.types.js';

@Resolver()
export class WechatResolver {
  constructor(
    private readonly accounts: WechatAccountService,
    private readonly qr: QrLoginService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Mini-program login: exchanges a wx.login() code through jscode2session.',
  })
  wechatMiniProgramLogin(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => String) code: string,
  ): Promise<AuthPayload> {
    return this.accounts.miniProgramLogin(ctx, code);
  }

  @Public()
  @Mutation(() => WechatQrLogin, {
    description:
      'Website login: starts a QR-code login; completion arrives on wechatLoginCompleted(state).',
  })
  startWechatQrLogin(@Ctx() ctx: RequestContext): Promise<WechatQrLogin> {
    return this.qr.start(ctx);
  }

  @Public()
  @Query(() => WechatQrLoginStatus)
  wechatQrLoginStatus(@Arg('state', () => String) state: string): Promise<WechatQrLoginStatus> {
    return this.qr.status(state);
  }

  @Public()
  @Subscription(() => AuthPayload, {
    description:
      'Fires once when the QR login with this state completes. If it already completed, fires at once.',
    subscribe: ({ args, context }) =>
      (context as RequestContext).container
        .get(QrLoginService)
        .subscribe(String((args as { state: unknown }).state)),
  })
  wechatLoginCompleted(
    @Root() outcome: QrOutcome,
    @Ctx() ctx: RequestContext,
    @Arg('state', () => String) _state: string,
  ): Promise<AuthPayload> {
    return this.qr.deliver(ctx, outcome);
  }
}

@Resolver(() => User)
export class UserWechatResolver {
  @FieldResolver(() => Boolean, {
    description: 'True when a WeChat identity is bound to this account.',
  })
  wechatBound(@Root() user: User, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.get(wechatBoundByUserId).load(user.id);
  }
}
