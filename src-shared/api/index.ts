export * from './contract';
export * from './errors';
export * from './events';
export * from './roles';
export * from './bridge';
export * from './day';
