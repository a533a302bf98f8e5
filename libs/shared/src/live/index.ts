export * from './questions';
export * from './state';
export * from './commands';
export * from './events';
export { mayFacilitate, type LiveDecision } from './decision';
export { nextStep, previousStep } from './flow';
export { airtimeSummary } from './timing';
export * from './session';
export * from './protocol';
