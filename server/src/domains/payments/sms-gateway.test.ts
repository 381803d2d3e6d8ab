import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase, ENGINES } from '../../testing/test-database';
import { createHttpSmsGateway, SmsPermanentError } from './sms-gateway';
import { deliverOutbox } from './sms-outbox';

/** A local HTTP SMS gateway: answers from a script of status codes, records what it received. */
function fakeGateway() {
  const received: {
    auth: string | undefined;
    key: string | undefined;
    body: { to: string; text: string };
  }[] = [];
  let script: number[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      received.push({
        auth: req.headers.authorization,
        key: req.headers['idempotency-key'] as string,
        body: JSON.parse(data),
      });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { id: `gw-${received.length}` } : { error: 'nope' }));
    });
  });
  return {
    received,
    setScript: (s: number[]) => {
      script = s;
    },
    start: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () =>
          r(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`),
        ),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('HTTP SMS gateway adapter', () => {
  const gw = fakeGateway();
  let url = '';
  beforeAll(async () => {
    url = await gw.start();
  });
  afterAll(() => gw.stop());

  it('retries transient failures with the same idempotency key, with credentials', async () => {
    gw.setScript([503, 429, 200]);
    const gateway = createHttpSmsGateway({ url, username: 'mlob', password: 's3cret', backoffMs: 5 });
    const before = gw.received.length;
    const result = await gateway.send({ to: '012345678', text: 'សួស្តី', idempotencyKey: 'k-1' });
    expect(result.messageId).toBe(`gw-${before + 3}`);
    const calls = gw.received.slice(before);
    expect(calls.map((c) => c.key)).toEqual(['k-1', 'k-1', 'k-1']);
    expect(calls[0]!.auth).toBe(`Basic ${Buffer.from('mlob:s3cret').toString('base64')}`);
    expect(calls[0]!.body).toEqual({ to: '012345678', text: 'សួស្តី', reference: 'k-1' });
  });

  it('gives up on a 4xx at once, and after the retries on repeated 5xx', async () => {
    const gateway = createHttpSmsGateway({ url, token: 't', retries: 2, backoffMs: 5 });
    gw.setScript([400]);
    await expect(gateway.send({ to: '1', text: 'x', idempotencyKey: 'k-2' })).rejects.toBeInstanceOf(
      SmsPermanentError,
    );
    gw.setScript([500, 502, 503]);
    await expect(gateway.send({ to: '1', text: 'x', idempotencyKey: 'k-3' })).rejects.toThrow(/HTTP 503/);
    await expect(
      createHttpSmsGateway({ url: 'http://127.0.0.1:1/none', retries: 1, backoffMs: 5 }).send({
        to: '1',
        text: 'x',
        idempotencyKey: 'k',
      }),
    ).rejects.toThrow();
  });
});

describe.each(ENGINES)('SMS outbox delivery on %s', (engine) => {
  const gw = fakeGateway();
  let database: Database;
  let url = '';
  beforeAll(async () => {
    url = await gw.start();
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await gw.stop();
    await database?.close();
  });

  it('sends queued alerts, retries later on failure, fails permanently on refusal', async () => {
    await sql`INSERT INTO sms_outbox (idempotency_key, phone, language, body) VALUES
      ('a', '011111111', 'km', 'one'), ('b', '022222222', 'km', 'two'), ('c', '033333333', 'en', 'three')`.execute(
      database.db,
    );
    gw.setScript([200, 503, 400]);
    const gateway = createHttpSmsGateway({ url, retries: 0, backoffMs: 1 });
    expect(await deliverOutbox({ database, gateway })).toEqual({ sent: 1, failed: 1, retrying: 1 });
    const rows = await database.db
      .selectFrom('sms_outbox')
      .select(['idempotency_key', 'status', 'attempts'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { idempotency_key: 'a', status: 'sent', attempts: 1 },
      { idempotency_key: 'b', status: 'queued', attempts: 1 },
      { idempotency_key: 'c', status: 'failed', attempts: 1 },
    ]);
    // Not due yet: nothing is sent again until its backoff has passed.
    expect(await deliverOutbox({ database, gateway })).toEqual({ sent: 0, failed: 0, retrying: 0 });
    await sql`UPDATE sms_outbox SET next_attempt_at = now() WHERE idempotency_key = 'b'`.execute(database.db);
    expect(await deliverOutbox({ database, gateway })).toEqual({ sent: 1, failed: 0, retrying: 0 });
  });
});
