export { RedisFanOut } from './redis-fan-out.ts';
export type { RedisFanOutOptions } from './redis-fan-out.ts';
