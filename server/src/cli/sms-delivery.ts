import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config';
import type { Database } from '../db/database';
import { createHttpSmsGateway, deliverOutbox } from '../domains/payments';

const INTERVAL_MS = 30_000;

/**
 * Sends queued payment alerts every 30 s when a gateway is configured. Every server process
 * may run this: the outbox is claimed with SKIP LOCKED and leases. Returns a stop function.
 */
export function startSmsDelivery(database: Database, config: AppConfig, log: FastifyBaseLogger): () => void {
  if (!config.smsGateway) {
    log.info('SMS gateway not configured (MLOB_SMS_GATEWAY_URL): payment alerts stay queued in the outbox');
    return () => undefined;
  }
  const gateway = createHttpSmsGateway(config.smsGateway);
  let isBusy = false;
  const timer = setInterval(() => {
    if (isBusy) return;
    isBusy = true;
    deliverOutbox({ database, gateway })
      // Counts only: phone numbers and texts are personal data and never reach the log.
      .then((counts) => {
        if (counts.sent + counts.failed + counts.retrying > 0) log.info(counts, 'SMS outbox delivered');
      })
      .catch((error: unknown) => log.error({ err: (error as Error).message }, 'SMS outbox delivery failed'))
      .finally(() => {
        isBusy = false;
      });
  }, INTERVAL_MS);
  return () => clearInterval(timer);
}
