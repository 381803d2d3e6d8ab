export * from './api';
export * from './model-files';
export * from './refusals';
