export { ConfigError, loadConfig, withOverrides } from './config.js';
export type {
  Config,
  DeepPartial,
  LogLevel,
  NodeEnv,
  RateRule,
  SessionPolicy,
  WechatAppCredentials,
} from './config.js';
export { parseDuration } from './durations.js';
