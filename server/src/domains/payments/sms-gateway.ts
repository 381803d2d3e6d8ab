/** An SMS gateway: sends one message, or throws (SmsPermanentError when retrying cannot help). */
export interface SmsGateway {
  send(message: { to: string; text: string; idempotencyKey: string }): Promise<{ messageId: string }>;
}

export class SmsPermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsPermanentError';
  }
}

export interface HttpSmsGatewayOptions {
  /** POST endpoint of the gateway. */
  url: string;
  /** Basic-auth credentials, or a bearer token. */
  username?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  timeoutMs?: number;
  /** Extra attempts after the first on network errors, timeouts, 429 and 5xx. */
  retries?: number;
  backoffMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * An HTTP SMS gateway adapter: POST {to, text, reference} as JSON with an Idempotency-Key
 * header (the outbox key, so a retried request never sends twice on a gateway that honours
 * it), retried with exponential backoff on transient failures; a 4xx other than 429 is
 * permanent. The answer is expected as JSON {id}.
 */
export function createHttpSmsGateway(options: HttpSmsGatewayOptions): SmsGateway {
  const doFetch = options.fetchImpl ?? fetch;
  const retries = options.retries ?? 3;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  else if (options.username)
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  return {
    async send(message) {
      let lastError: unknown = null;
      for (let attempt = 0; attempt <= retries; attempt += 1) {
        if (attempt > 0)
          await new Promise((r) => setTimeout(r, (options.backoffMs ?? 200) * 2 ** (attempt - 1)));
        try {
          const response = await doFetch(options.url, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': message.idempotencyKey },
            body: JSON.stringify({ to: message.to, text: message.text, reference: message.idempotencyKey }),
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
          });
          if (response.ok) {
            const body = (await response.json().catch(() => ({}))) as { id?: unknown };
            return { messageId: String(body.id ?? message.idempotencyKey) };
          }
          if (response.status !== 429 && response.status < 500)
            throw new SmsPermanentError(`gateway refused the message: HTTP ${response.status}`);
          lastError = new Error(`gateway answered HTTP ${response.status}`);
        } catch (error) {
          if (error instanceof SmsPermanentError) throw error;
          lastError = error;
        }
      }
      throw lastError instanceof Error ? lastError : new Error('SMS gateway failed');
    },
  };
}
