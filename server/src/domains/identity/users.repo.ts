import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findScopeAreas(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_scope_area')
    .select('area_code')
    .where('user_id', '=', userId)
    .orderBy('area_code')
    .execute();
  return rows.map((r) => r.area_code);
}

export async function listUsers(db: Db, options: { limit: number; offset: number }) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .orderBy('username')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

export async function listScopeAreasForUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.selectFrom('user_scope_area').selectAll().where('user_id', 'in', userIds).execute();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;
