export * from './questions';
export * from './session';
export * from './protocol';
