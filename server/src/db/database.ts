import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { csvPieces } from './csv-pieces';
import { createPglitePool } from './pglite-pool';
import type { DB } from './schema';
import { TYPE_PARSERS } from './type-parsers';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs a multi-statement SQL script outside Kysely (migrations, bulk loads). */
  execScript(sqlText: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY FROM STDIN on PostgreSQL, or the equivalent on PGlite. On PGlite
   * a large text goes in pieces of whole records, each committed on its own: when one fails,
   * the pieces before it stay, and the caller clears the table (the import's staging does).
   */
  copyFrom(table: string, columns: readonly string[], csvText: string): Promise<number>;
  /**
   * Bulk-loads a CSV file after its header line with one COPY. On PostgreSQL the file's bytes
   * stream to the server as they are read, so reading and parsing overlap and a file of any
   * size passes (no string holds it whole); the server checks the UTF-8. On PGlite in pieces,
   * as copyFrom.
   */
  copyFromFile(table: string, columns: readonly string[], filePath: string): Promise<number>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string | undefined;
  /** PGlite: start from a dumped data directory (tests clone a migrated template this way). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection can be cut by the server (restart, failover, a forced DROP
  // DATABASE). node-postgres then emits 'error' on the pool, and an unheard 'error' event
  // kills the process. The pool has already discarded that client and the next query opens a
  // new one, so the right answer is to say so and carry on.
  pool.on('error', (error: Error & { code?: string }) => {
    process.stderr.write(
      `mlob: an idle database connection was closed by the server (${error.code ?? error.message}); it will be replaced\n`,
    );
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    execScript: (sqlText) => execScript(db, sqlText),
    async copyFrom(table, columns, csvText) {
      const { from } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const stream = client.query(
          from(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv)`),
        );
        await new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(csvText);
        });
        return Number(stream.rowCount);
      } finally {
        client.release();
      }
    },
    async copyFromFile(table, columns, filePath) {
      const { from } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const stream = client.query(
          from(`COPY ${table} (${columns.join(',')}) FROM STDIN WITH (FORMAT csv, HEADER true)`),
        );
        await pipeline(fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }), stream);
        return Number(stream.rowCount);
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Bytes of CSV per COPY on PGlite: ≈ 15,000 member rows, a few tenths of a second there, which
 * is as long as a request waits behind one piece.
 */
const PGLITE_COPY_PIECE = 2 * 1024 * 1024;

async function openPglite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
    parsers: Object.fromEntries(Object.entries(TYPE_PARSERS).map(([oid, parse]) => [oid, parse])),
  });
  const pool = createPglitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  const copyInPieces = async (
    table: string,
    columns: readonly string[],
    pieces: AsyncIterable<Buffer<ArrayBuffer>>,
  ) => {
    let rows = 0;
    for await (const piece of pieces) {
      // Pending I/O is read first, so a request that arrived meanwhile queues for the next turn.
      await new Promise((resolve) => setImmediate(resolve));
      const client = await pool.connect();
      try {
        const result = await pglite.query(
          `COPY ${table} (${columns.join(',')}) FROM '/dev/blob' WITH (FORMAT csv)`,
          [],
          { blob: new Blob([piece]) },
        );
        rows += result.affectedRows ?? 0;
      } finally {
        client.release();
      }
    }
    return rows;
  };
  return {
    db,
    engine: 'pglite',
    execScript: (sqlText) => execScript(db, sqlText),
    // One COPY per piece of whole records, each its own turn on the one connection: a large
    // file no longer holds every request until it is all in (≈ 6 s for 455 k members).
    copyFrom: (table, columns, csvText) =>
      copyInPieces(
        table,
        columns,
        csvPieces([Buffer.from(csvText, 'utf8')], { pieceBytes: PGLITE_COPY_PIECE }),
      ),
    // The file is read as it is copied, piece by piece, rather than handed over whole.
    copyFromFile: (table, columns, filePath) =>
      copyInPieces(
        table,
        columns,
        csvPieces(fs.createReadStream(filePath, { highWaterMark: PGLITE_COPY_PIECE }), {
          pieceBytes: PGLITE_COPY_PIECE,
          skipFirstRecord: true,
        }),
      ),
    async close() {
      await db.destroy();
    },
  };
}

/** Dumps a PGlite database to a tarball so tests can clone a migrated, seeded template quickly. */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  try {
    return (await pglite.dumpDataDir('none')) as Blob;
  } finally {
    await pglite.close();
  }
}

async function execScript(db: Kysely<DB>, sqlText: string): Promise<void> {
  // No parameters: both engines use the simple query protocol, which accepts many statements.
  await db.connection().execute(async (connection) => {
    try {
      await sql.raw(sqlText).execute(connection);
    } catch (error) {
      // A script that opened a transaction (BEGIN … COMMIT) and failed half-way leaves it open
      // and aborted: roll it back before the connection goes back to the pool, or the next
      // user of this connection gets "current transaction is aborted". A no-op otherwise.
      await sql.raw('ROLLBACK').execute(connection);
      throw error;
    }
  });
}
