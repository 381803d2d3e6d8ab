import { sql } from 'kysely';
import type { Database } from '../../db/database';
import { type SmsGateway, SmsPermanentError } from './sms-gateway';

/**
 * Sends queued SMS alerts through the gateway. Rows are claimed with FOR UPDATE SKIP LOCKED
 * (several processes may deliver at once) and marked 'sending' with a lease; a process that
 * dies mid-send leaves the row to be claimed again after the lease, and the same idempotency
 * key goes to the gateway. Transient failures are retried later with backoff, up to maxAttempts.
 */
export async function deliverOutbox(options: {
  database: Database;
  gateway: SmsGateway;
  limit?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
}): Promise<{ sent: number; failed: number; retrying: number }> {
  const { db } = options.database;
  const lease = options.leaseSeconds ?? 300;
  const claimed = await sql<{
    id: number;
    phone: string;
    body: string;
    idempotency_key: string;
    attempts: number;
  }>`
    UPDATE sms_outbox SET status = 'sending', next_attempt_at = now() + make_interval(secs => ${lease})
    WHERE id IN (
      SELECT id FROM sms_outbox
      WHERE (status = 'queued' AND next_attempt_at <= now()) OR (status = 'sending' AND next_attempt_at <= now())
      ORDER BY id LIMIT ${options.limit ?? 100} FOR UPDATE SKIP LOCKED)
    RETURNING id, phone, body, idempotency_key, attempts`.execute(db);
  const counts = { sent: 0, failed: 0, retrying: 0 };
  for (const row of claimed.rows) {
    try {
      const { messageId } = await options.gateway.send({
        to: row.phone,
        text: row.body,
        idempotencyKey: row.idempotency_key,
      });
      await db
        .updateTable('sms_outbox')
        .set({
          status: 'sent',
          sent_at: new Date(),
          gateway_message_id: messageId,
          attempts: row.attempts + 1,
          last_error: null,
        })
        .where('id', '=', row.id)
        .execute();
      counts.sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const isFinal = error instanceof SmsPermanentError || attempts >= (options.maxAttempts ?? 5);
      await sql`UPDATE sms_outbox SET status = ${isFinal ? 'failed' : 'queued'}, attempts = ${attempts},
          last_error = ${String((error as Error).message).slice(0, 500)},
          next_attempt_at = now() + make_interval(secs => ${60 * 2 ** attempts})
        WHERE id = ${row.id}`.execute(db);
      if (isFinal) counts.failed += 1;
      else counts.retrying += 1;
    }
  }
  return counts;
}
