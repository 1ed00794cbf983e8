/**
 * Every entity class of the service, listed explicitly (no folder scanning, so
 * the same list works from `dist/`, under vitest and under @oxc-node).
 */
export const ENTITIES: Function[] = [];
