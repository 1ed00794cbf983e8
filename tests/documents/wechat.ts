import { graphql } from '../gql/index.js';

export const MiniProgramLogin = graphql(`
  mutation MiniProgramLogin($code: String!) {
    wechatMiniProgramLogin(code: $code) {
      accessToken
      refreshToken
      user {
        id
        username
        nickname
        avatarUrl
        wechatBound
      }
    }
  }
`);

export const StartQrLogin = graphql(`
  mutation StartQrLogin {
    startWechatQrLogin {
      state
      authorizeUrl
      expiresAt
    }
  }
`);

export const QrLoginStatus = graphql(`
  query QrLoginStatus($state: String!) {
    wechatQrLoginStatus(state: $state)
  }
`);

export const LoginCompleted = graphql(`
  subscription LoginCompleted($state: String!) {
    wechatLoginCompleted(state: $state) {
      accessToken
      refreshToken
      accessTokenExpiresAt
      user {
        id
        nickname
        avatarUrl
        gender
        wechatBound
      }
    }
  }
`);

export const MeWechat = graphql(`
  query MeWechat {
    me {
      id
      wechatBound
    }
  }
`);
