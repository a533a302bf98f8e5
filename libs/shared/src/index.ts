export * from './dto';
export * from './sets';
export * from './time';
export * from './meetings';
export * from './live';
export * from './evaluation';
export * from './rounds';
export * from './accounts';
