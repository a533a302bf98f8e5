export * from './questions';
export * from './session';
export * from './events';
export * from './protocol';
export * from './presence';
