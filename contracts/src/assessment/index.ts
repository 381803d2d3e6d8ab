export * from './api';
export * from './model-files';
