/** Public surface of the contract shared by every front door and the renderer. */
export * from './contract';
export * from './errors';
export * from './ids';
export * from './methods';
export * from './rpc';
export * from './tags';
export * from './types';
export * from './formats';
export * from './text';
export * from './fold';
