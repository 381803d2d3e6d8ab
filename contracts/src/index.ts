export * from './assessment/index';
export * from './geography/index';
export * from './identity/index';
export * from './jobs/index';
export * from './labs/index';
export * from './platform/index';
export * from './programmes/index';
export * from './registry/index';
