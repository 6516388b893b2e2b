/**
 * The local stack's default: with no DATABASE_URL, `npm start` runs the embedded PostgreSQL in the
 * data folder. Here it is started for real in a fresh folder, migrated and written to, stopped, and
 * started again: the rows are still there, and the other processes find it through the data folder.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../store/audit.js';
import { readAudit } from '../../store/auditLog.js';
import { loadStoreConfig, localStackStoreFiles } from '../../store/config.js';
import { openDatabase } from '../../store/database.js';
import { startEmbeddedPostgres } from '../../store/embedded.js';
import { migrate } from '../../store/migrate.js';
import { freePort } from '../../dev/ports.js';

const dataDir = mkdtempSync(join(tmpdir(), 'prepared-return-embedded-'));
// The server may run as another user (PostgreSQL refuses root): it must reach its folder.
chmodSync(dataDir, 0o755);

describe('embedded PostgreSQL (the default for npm start)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts in the data folder, keeps its rows across a restart, and is found through the data folder', { timeout: 120_000 }, async () => {
    const files = localStackStoreFiles(dataDir);
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: files.postgresDir, port });
    try {
      expect(first.url).toMatch(new RegExp(`^postgresql://postgres:[^@]+@127\\.0\\.0\\.1:${port}/prepared_return$`));
      const db = openDatabase({ url: first.url, poolMax: 1 });
      try {
        expect(await migrate(db)).not.toEqual([]);
        await recordAudit(db, { actor: 'cw-demo', role: 'caseworker', action: 'open', programme: null, result: 'done' });
        const { rows } = await db.pool.query<{ server_version: string }>('SHOW server_version');
        expect(rows[0]!.server_version).toMatch(/^\d+\.\d+/);
      } finally {
        await db.close();
      }
    } finally {
      await first.stop();
    }

    const again = await startEmbeddedPostgres({ dataDir: files.postgresDir, port });
    try {
      expect(again.url).toBe(first.url);
      writeFileSync(files.urlFile, `${again.url}\n`);
      writeFileSync(files.pseudonymKeyFile, `${'k'.repeat(40)}\n`);
      // With nothing configured, a process (or a caseworker's second terminal) finds the local stack's server.
      const config = loadStoreConfig({ PR_DATA_DIR: dataDir });
      expect(config.url).toBe(again.url);
      const db = openDatabase(config);
      try {
        expect(await migrate(db)).toEqual([]);
        expect((await readAudit(db, { actor: 'cw-demo' })).map((e) => e.action)).toEqual(['open']);
      } finally {
        await db.close();
      }
    } finally {
      await again.stop();
    }
  });
});

describe('store configuration', () => {
  it('names the variable and what was expected, never the value', () => {
    const secret = 'postgresql://ops:s3cr3t@db';
    const fail = (env: Record<string, string>) => {
      try {
        loadStoreConfig({ PR_DATA_DIR: join(dataDir, 'nothing-here'), ...env });
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected a validation error');
    };
    expect(fail({})).toMatch(/DATABASE_URL: expected postgresql:\/\/user\[:password\]@host\[:port\]\/database \(npm start runs an embedded PostgreSQL/);
    const bad = fail({ DATABASE_URL: secret, PR_PSEUDONYM_KEY: 'short' });
    expect(bad).toMatch(/DATABASE_URL: expected postgresql/);
    expect(bad).toMatch(/PR_PSEUDONYM_KEY: expected a secret of at least 32 characters/);
    expect(bad).not.toContain('s3cr3t');
    expect(fail({ DATABASE_URL: 'postgresql://u@h/db', PR_PSEUDONYM_KEY: 'k'.repeat(32), DATABASE_POOL_MAX: '0' })).toMatch(/DATABASE_POOL_MAX: expected at least 1/);
    expect(loadStoreConfig({ DATABASE_URL: 'postgresql://u@h/db', PR_PSEUDONYM_KEY: 'k'.repeat(32), NODE_ENV: 'production' })).toEqual({
      url: 'postgresql://u@h/db',
      poolMax: 5,
      pseudonymKey: 'k'.repeat(32),
    });
  });
});
