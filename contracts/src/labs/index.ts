export * from './audits';
export * from './checklist';
export * from './ncs';
export * from './quality';
export * from './refusals';
