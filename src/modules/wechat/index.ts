export { QrLoginService } from './qr-login.service.js';
export { wechatCallbackRouter } from './wechat-callback.route.js';
export { WechatAccountService } from './wechat-account.service.js';
export { WechatIdentity } from './wechat-identity.entity.js';
export { UserWechatResolver, WechatResolver } from './wechat.resolver.js';
export { WechatQrLoginStatus } from './wechat.types.js';
