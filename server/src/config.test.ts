import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 without an SMS gateway', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
      smsGateway: null,
      isWorkerEnabled: true,
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads the SMS gateway settings', () => {
    const config = loadConfig({
      MLOB_SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms',
      MLOB_SMS_GATEWAY_TOKEN: 't',
    });
    expect(config.smsGateway).toEqual({
      url: 'http://127.0.0.1:9000/sms',
      token: 't',
      username: undefined,
      password: undefined,
    });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: DATABASE_URL must start with postgres[\s\S]*PORT: /,
    );
  });
});
