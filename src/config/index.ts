// Configuration's public surface: other features import from here, never from its files.
// Configuration imports no feature, so the order here does not matter.
export { ConfigError, EnvConfig, loadEnv } from './env.config.js';
export { loadDotEnv } from './dotenv.js';
export { type ResolvedKey, resolveEncryptionKey } from './encryption-key.js';
export { ConfigModule, DATABASE_TARGET } from './config.module.js';
