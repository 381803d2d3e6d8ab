import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Validated once at start-up so a typo in a variable
 * fails loudly instead of silently falling back to a default.
 */
const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  MLOB_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MLOB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MLOB_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MLOB_WORKER: z.enum(['true', 'false']).default('true'),
  MLOB_WEB_DIST: z.string().optional(),
  MLOB_SMS_GATEWAY_URL: z.url('MLOB_SMS_GATEWAY_URL must be a URL').optional(),
  MLOB_SMS_GATEWAY_TOKEN: z.string().optional(),
  MLOB_SMS_GATEWAY_USERNAME: z.string().optional(),
  MLOB_SMS_GATEWAY_PASSWORD: z.string().optional(),
  NODE_ENV: z.string().default('development'),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof ZEnv>['MLOB_LOG_LEVEL'];
  isSecureCookies: boolean;
  isWorkerEnabled: boolean;
  webDistDir: string;
  /** HTTP SMS gateway for payment alerts; null leaves alerts queued in the outbox. */
  smsGateway: { url: string; token?: string; username?: string; password?: string } | null;
}

/** Reads and validates the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.MLOB_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.MLOB_LOG_LEVEL,
    isSecureCookies: e.MLOB_SECURE_COOKIES ? e.MLOB_SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    isWorkerEnabled: e.MLOB_WORKER === 'true',
    webDistDir: path.resolve(e.MLOB_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    smsGateway: e.MLOB_SMS_GATEWAY_URL
      ? {
          url: e.MLOB_SMS_GATEWAY_URL,
          token: e.MLOB_SMS_GATEWAY_TOKEN,
          username: e.MLOB_SMS_GATEWAY_USERNAME,
          password: e.MLOB_SMS_GATEWAY_PASSWORD,
        }
      : null,
  };
}
