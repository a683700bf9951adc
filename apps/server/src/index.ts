export { loadConfig } from './config.ts';
export type { ServerConfig } from './config.ts';
export { MAX_FRAME_BYTES, startServer } from './server.ts';
export type { RunningServer, StartOptions } from './server.ts';
export { BOARD_ROOTS, shapeOfWrites } from './write-policy.ts';
export { CONTENT_SECURITY_POLICY } from './routes/web-routes.ts';
