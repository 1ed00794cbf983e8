import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum WechatQrLoginStatus {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(WechatQrLoginStatus, { name: 'WechatQrLoginStatus' });

@ObjectType()
export class WechatQrLogin {
  @Field(() => String, {
    description: 'Unguessable, single-use; goes into the authorize URL as the OAuth2 state.',
  })
  state!: string;

  @Field(() => String, {
    description: 'The open.weixin.qq.com qrconnect URL the browser shows (or embeds) as a QR code.',
  })
  authorizeUrl!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
