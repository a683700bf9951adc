// Test helpers for other packages (`@talkoot/storage-postgres/testing`).
import { randomBytes } from 'node:crypto';
import { requireService } from '@talkoot/sync/testing';
import pg from 'pg';

/** The PostgreSQL that tests use: `TEST_DATABASE_URL`, or the local server's `test` database. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether {@link TEST_DATABASE_URL} answers within a couple of seconds. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the tests that need PostgreSQL can run (see {@link requireService}). */
export async function requirePostgres(): Promise<boolean> {
  return requireService(
    `PostgreSQL at ${TEST_DATABASE_URL}`,
    await postgresAvailable(),
    'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  );
}

/** A schema of its own for one test run, dropped by `drop()`. */
export interface TestSchema {
  /** Connection string whose `search_path` is the new schema. */
  readonly url: string;
  readonly schema: string;
  drop(): Promise<void>;
}

/** Creates `talkoot_test_<random>` so concurrent runs never see each other's tables. */
export async function createTestSchema(): Promise<TestSchema> {
  const schema = `talkoot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(TEST_DATABASE_URL);
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const separator = TEST_DATABASE_URL.includes('?') ? '&' : '?';
  return {
    url: `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    drop: async () => {
      const client = new pg.Client(TEST_DATABASE_URL);
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Every stored update of a document (its snapshot and its log), read straight from the database. */
export async function readStoredUpdates(databaseUrl: string, docName: string): Promise<Uint8Array[]> {
  const db = new pg.Client(databaseUrl);
  await db.connect();
  try {
    const { rows } = await db.query<{ data: Buffer }>(
      'SELECT data FROM doc_snapshots WHERE doc = $1 UNION ALL SELECT data FROM doc_updates WHERE doc = $1',
      [docName],
    );
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    await db.end();
  }
}

/** Ends every connection of one application, as an operator's `pg_terminate_backend` would; returns how many. */
export async function terminateBackends(application: string, adminUrl = TEST_DATABASE_URL): Promise<number> {
  const db = new pg.Client(adminUrl);
  await db.connect();
  try {
    const { rowCount } = await db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    return rowCount ?? 0;
  } finally {
    await db.end();
  }
}
