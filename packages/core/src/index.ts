export type * from './descriptors.js';
