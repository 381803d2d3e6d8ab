import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { type AuditContext, recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/errors';
import type { Role, ScopeKind } from '../../platform/roles';
import type { Scope } from '../../platform/scope';
import { getDummyHash, hashPassword, verifyPassword } from './passwords';

const TOKEN_SECONDS = 3600;
const ISSUER = 'mlob';

const keyCache = new WeakMap<Database, Promise<Uint8Array>>();

/** The JWT signing key, generated on first use and kept in the database (never in the repo). */
function signingKey(database: Database): Promise<Uint8Array> {
  let key = keyCache.get(database);
  if (!key) {
    key = loadSigningKey(database);
    keyCache.set(database, key);
    key.catch(() => keyCache.delete(database));
  }
  return key;
}

async function loadSigningKey(database: Database): Promise<Uint8Array> {
  const { db } = database;
  await db
    .insertInto('app_secret')
    .values({ name: 'jwt_signing_key', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_secret')
    .select('value')
    .where('name', '=', 'jwt_signing_key')
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

/** Registers an API client; the secret is returned once and only its hash is stored. */
export async function createApiClient(options: {
  database: Database;
  audit: AuditContext;
  name: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeAreaCodes?: string[];
  scopeUnitId?: string | null;
}) {
  const clientId = `mlob_${randomBytes(9).toString('base64url')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const secretHash = await hashPassword(clientSecret);
  const row = await options.database.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('api_client')
      .values({
        client_id: clientId,
        secret_hash: secretHash,
        name: options.name,
        role: options.role,
        scope_kind: options.scopeKind,
        scope_unit_id: options.scopeUnitId ?? null,
        scope_area_codes: options.scopeAreaCodes ?? [],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.audit, {
      action: 'api_client.create',
      entityType: 'api_client',
      entityId: created.id,
      after: { clientId, name: options.name, role: options.role, scopeKind: options.scopeKind },
    });
    return created;
  });
  return { ...row, clientSecret };
}

/** OAuth2 client-credentials: checks the secret and issues a short-lived signed JWT. */
export async function issueClientToken(options: {
  database: Database;
  clientId: string;
  clientSecret: string;
}) {
  const client = await options.database.db
    .selectFrom('api_client')
    .selectAll()
    .where('client_id', '=', options.clientId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  const isValid = await verifyPassword(client?.secret_hash ?? (await getDummyHash()), options.clientSecret);
  if (!client || !isValid)
    throw new AppError('unauthenticated', 'invalid_client: unknown client or wrong secret.');
  const token = await new SignJWT({ role: client.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(client.id)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_SECONDS}s`)
    .sign(await signingKey(options.database));
  return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS };
}

/** The actor behind a bearer token; null when invalid, expired or the client was deactivated. */
export async function resolveBearer(database: Database, token: string): Promise<Actor | null> {
  let subject: string | undefined;
  try {
    const { payload } = await jwtVerify(token, await signingKey(database), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    subject = payload.sub;
  } catch {
    return null;
  }
  if (!subject) return null;
  const client = await database.db
    .selectFrom('api_client')
    .selectAll()
    .where('id', '=', subject)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!client) return null;
  const kind = client.scope_kind as ScopeKind;
  const scope: Scope =
    kind === 'national'
      ? { kind }
      : kind === 'areas'
        ? { kind, areaCodes: client.scope_area_codes }
        : { kind, unitId: client.scope_unit_id ?? '' };
  return { kind: 'client', id: client.id, name: client.client_id, role: client.role as Role, scope };
}
