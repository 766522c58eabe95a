/** The Node adapter: the same Hono app on SQLite and files, served by @hono/node-server. */
export { startNodeServer, type RunningServer, type StartOptions } from './server.js';
export { createStorage, type SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
export { migrate, openSqlite, type SqliteDatabase, type SqliteDatabaseOptions } from './sqlite-database.js';
export { sqliteRegister, type SqliteRegister, type SqliteRegisterOptions } from './sqlite-register.js';
export { sqliteQueues } from './sqlite-queues.js';
export { sqlitePki } from './sqlite-pki.js';
export { createBlobStore } from './file-blobs.js';
export { jsonLogger } from './logger.js';
