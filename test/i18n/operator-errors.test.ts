import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, DatabaseUnavailableError } from '../../src/infra/postgres/database.js';
import { MigrationFailedError, SchemaTooNewError, type Migration } from '../../src/infra/postgres/migrate.js';
import { MIGRATIONS } from '../../src/infra/postgres/migrations/index.js';
import { DatabaseDamagedError } from '../../src/infra/postgres/inventory-catch-up.js';
import { PostgresInventoryRepository } from '../../src/infra/postgres/postgres-inventory-repository.js';
import { DataFileError, parseSnapshot } from '../../src/infra/store/conversation-snapshot.js';
import { readJsonDocument } from '../../src/infra/store/durable-json-file.js';
import { nodeFileSystem } from '../../src/infra/store/file-system.js';
import { readJournal, StoreFileDamaged } from '../../src/infra/store/journal-file.js';
import { LowdbInventoryRepository } from '../../src/infra/store/lowdb-inventory-repository.js';
import { acquireDataFolderLock, DataFolderInUseError } from '../../src/infra/store/data-folder-lock.js';
import { JsonlConversationStore } from '../../src/infra/store/jsonl-conversation-store.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { startBot, SeedFileError } from '../../src/composition/start-bot.js';
import { operatorMessage } from '../../src/i18n/operator-sentence.js';
import { FaultyFiles } from '../contract/faulty-files.js';
import { freePort } from '../support/embedded-postgres.js';
import { freshDatabase } from '../support/postgres.js';
import { LogCapture } from '../support/bot-harness.js';
import { demoInventoryFile } from '../support/demo.js';

/**
 * Every refusal that stops the start or a command, made by the code that makes it: the operator reads it
 * in the language of LANG (operatorMessage), and the error's message, which the log keeps, is the same
 * sentence in English.
 */
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'benefits-operator-errors-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (make: () => unknown): Promise<Error> => {
  try {
    await make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('it did not refuse');
};

const startWithSeed = async (seed: string) => {
  const bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: join(dir, 'data'), BENEFITS_ENCRYPTION_KEY: 'A'.repeat(43) + '=', INVENTORY_SEED_FILE: seed, DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true', LOG_LEVEL: 'silent' }), createLogger('silent', new LogCapture()));
  await bot.stop();
};

interface Case {
  name: string;
  type: abstract new (...args: never[]) => Error;
  make: () => Promise<Error>;
  english: (e: Error) => string | RegExp;
  japanese: (e: Error) => string | RegExp;
}

const damagedLine = () => {
  const file = join(dir, 'audit.jsonl');
  writeFileSync(file, '{"garbage\n{"seq":2,"patches":[]}\n');
  return file;
};

/** When a lock of the case below was written (its sentence says it). */
const sinceOf = new Map<string, string>();

const CASES: Case[] = [
  {
    name: 'a PostgreSQL server that cannot be reached (named without its password)',
    type: DatabaseUnavailableError,
    make: async () => refusal(async () => openDatabase(`postgres://bot:s3cret-pw@127.0.0.1:${await freePort()}/benefits`)),
    english: () => /^Could not connect to PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/benefits \(ECONNREFUSED\): check DATABASE_URL, and that the server is running and accepts this user\.$/,
    japanese: () => /^PostgreSQL サーバー postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/benefits に接続できませんでした \(ECONNREFUSED\)。DATABASE_URL の値と、サーバーが起動していてこのユーザーの接続を受け付けることを確認してください。$/,
  },
  {
    name: 'a database migrated by a newer bot',
    type: SchemaTooNewError,
    make: async () => {
      const db = await freshDatabase();
      try {
        const later: Migration = { version: MIGRATIONS.length + 1, name: 'from-the-future', sql: 'CREATE TABLE future (id int)' };
        await (await openDatabase(db.url, { migrations: [...MIGRATIONS, later] })).close();
        return await refusal(() => openDatabase(db.url));
      } finally {
        await db.drop();
      }
    },
    english: () => `The database holds schema version ${MIGRATIONS.length + 1} ("from-the-future"), newer than this version of the bot knows (up to ${MIGRATIONS.length}): a newer version of the bot migrated it. Run that version (or a later one), or restore the backup taken before the upgrade.`,
    japanese: () => `データベースのスキーマはバージョン ${MIGRATIONS.length + 1} (「from-the-future」) で、このバージョンのボットが扱えるバージョン (${MIGRATIONS.length} まで) より新しくなっています。新しいバージョンのボットが移行したデータベースです。そのバージョン以降のボットを実行するか、アップグレード前に取得したバックアップから復元してください。`,
  },
  {
    name: 'a migration the server refuses (rolled back)',
    type: MigrationFailedError,
    make: async () => {
      const db = await freshDatabase();
      try {
        const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', sql: 'SELECT no_such_function()' };
        return await refusal(() => openDatabase(db.url, { migrations: [...MIGRATIONS, broken] }));
      } finally {
        await db.drop();
      }
    },
    english: () => `Migration ${MIGRATIONS.length + 1} ("broken") failed: function no_such_function() does not exist`,
    japanese: () => `データベースの移行 ${MIGRATIONS.length + 1} (「broken」) に失敗しました：function no_such_function() does not exist`,
  },
  {
    name: 'a database whose changes have no inventory before them',
    type: DatabaseDamagedError,
    make: async () => {
      const db = await freshDatabase();
      const database = await openDatabase(db.url);
      try {
        await database.pool.query(`INSERT INTO inventory_changes (seq, patches) VALUES (1, '[{"op":"replace","path":["organization","name"],"value":"X"}]')`);
        return await refusal(() => PostgresInventoryRepository.open(database.pool, { listen: false }));
      } finally {
        await database.close();
        await db.drop();
      }
    },
    english: () => 'The database is damaged: inventory_changes holds change 1, and no inventory comes before it to apply it to (no snapshot in inventory_snapshot, no whole inventory in an earlier change). The bot does not start on it, so that the changes are not lost without a word. Restore the database from a backup.',
    japanese: () => 'データベースが破損しています。inventory_changes に変更 1 がありますが、その前に適用先の特典一覧がありません (inventory_snapshot にスナップショットがなく、それより前の変更にも特典一覧全体がありません)。これらの変更が知らないうちに失われないよう、ボットは起動しません。データベースをバックアップから復元してください。',
  },
  {
    name: 'a seed file that is not an inventory (each problem in the reader\'s words)',
    type: SeedFileError,
    make: async () => {
      const f = demoInventoryFile() as ReturnType<typeof demoInventoryFile> & Record<string, unknown>;
      f.people[2]!.email = 'kenta at fabrikam';
      f.colour = 'blue';
      writeFileSync(join(dir, 'seed.json'), JSON.stringify(f, null, 2));
      return refusal(() => startWithSeed(join(dir, 'seed.json')));
    },
    english: () =>
      new RegExp(
        `^INVENTORY_SEED_FILE: ${escape(join(dir, 'seed.json'))} is not a valid inventory: \\$\\.colour \\(line \\d+\\) unknown property: the format has none of this name; ` +
          '\\$\\.people\\[2\\]\\.email \\(line \\d+\\) must be an email address\\. Fix it, or unset INVENTORY_SEED_FILE to start with no inventory\\. Nothing was imported\\.$',
      ),
    japanese: () =>
      new RegExp(
        `^INVENTORY_SEED_FILE：${escape(join(dir, 'seed.json'))} は有効な特典一覧ではありません。\\d+ 行目、\\$\\.colour：不明なプロパティです。この名前のプロパティは形式にありません。` +
          '\\d+ 行目、\\$\\.people\\[2\\]\\.email：メール アドレスにしてください。ファイルを修正するか、INVENTORY_SEED_FILE の設定を解除して特典一覧なしで起動してください。何もインポートしていません。$',
      ),
  },
  {
    name: 'a seed file that cannot be read',
    type: SeedFileError,
    make: async () => {
      mkdirSync(join(dir, 'seed-folder'));
      return refusal(() => startWithSeed(join(dir, 'seed-folder')));
    },
    english: () => `INVENTORY_SEED_FILE: ${join(dir, 'seed-folder')} cannot be read (EISDIR). Fix it, or unset INVENTORY_SEED_FILE to start with no inventory. Nothing was imported.`,
    japanese: () => `INVENTORY_SEED_FILE：${join(dir, 'seed-folder')} を読み取れません (EISDIR)。ファイルを修正するか、INVENTORY_SEED_FILE の設定を解除して特典一覧なしで起動してください。何もインポートしていません。`,
  },
  {
    name: 'a journal damaged before its last line',
    type: StoreFileDamaged,
    make: async () => refusal(() => readJournal(nodeFileSystem, damagedLine(), (v) => v)),
    english: () => `${join(dir, 'audit.jsonl')}, line 1, is damaged (it is not a whole entry) and whole entries follow it, so it was not cut short by a crash. The bot does not start on it, so that nothing after that line is lost without a word. Restore audit.jsonl from a backup; or, knowing that what line 1 held is lost, remove that one line and start again.`,
    japanese: () => `${join(dir, 'audit.jsonl')} の 1 行目が破損しています (完全なエントリではありません)。後ろに完全なエントリが続くため、クラッシュで途中まで書き込まれた行ではありません。その行より後の内容が知らないうちに失われないよう、ボットは起動しません。audit.jsonl をバックアップから復元するか、1 行目の内容が失われることを承知のうえでその 1 行を削除して、もう一度起動してください。`,
  },
  {
    name: 'an empty snapshot',
    type: StoreFileDamaged,
    make: async () => {
      writeFileSync(join(dir, 'inventory.json'), '');
      return refusal(() => readJsonDocument(nodeFileSystem, join(dir, 'inventory.json')));
    },
    english: () => `${join(dir, 'inventory.json')} is empty: it was cut short (a disk or file-system error). The bot does not start on it. Restore inventory.json from a backup (its journal, if any, holds only the changes made after it).`,
    japanese: () => `${join(dir, 'inventory.json')} は空です。ディスクまたはファイル システムのエラーで途中までしか書き込まれていません。ボットは起動しません。inventory.json をバックアップから復元してください (ジャーナルがある場合、ジャーナルにはこのファイルより後の変更だけが入っています)。`,
  },
  {
    name: 'a snapshot that is not JSON',
    type: StoreFileDamaged,
    make: async () => {
      writeFileSync(join(dir, 'work.json'), '{"work": garbage');
      return refusal(() => readJsonDocument(nodeFileSystem, join(dir, 'work.json')));
    },
    english: () => new RegExp(`^${escape(join(dir, 'work.json'))} is damaged: it is not valid JSON \\(.+\\)\\. The bot does not start on it\\. Restore work\\.json from a backup`),
    japanese: () => new RegExp(`^${escape(join(dir, 'work.json'))} が破損しています。有効な JSON ではありません \\(.+\\)。ボットは起動しません。work\\.json をバックアップから復元してください`),
  },
  {
    name: 'an inventory journal whose snapshot is gone',
    type: StoreFileDamaged,
    make: async () => {
      writeFileSync(join(dir, 'inventory.json.journal'), JSON.stringify({ seq: 7, patches: [{ op: 'replace', path: ['organization', 'name'], value: 'X' }] }) + '\n');
      return refusal(() => LowdbInventoryRepository.open(join(dir, 'inventory.json')));
    },
    english: () => `${join(dir, 'inventory.json.journal')} holds changes (from entry 7) made to an inventory that inventory.json no longer holds: it is missing or was replaced. The bot does not start on it, so that those changes are not lost without a word. Restore inventory.json from a backup.`,
    japanese: () => `${join(dir, 'inventory.json.journal')} には特典一覧への変更 (エントリ 7 以降) がありますが、その特典一覧が inventory.json にありません。ファイルが失われたか、置き換えられています。これらの変更が知らないうちに失われないよう、ボットは起動しません。inventory.json をバックアップから復元してください。`,
  },
  ...(
    [
      ['', 'it is empty (0 bytes)', '空のファイルです (0 バイト)'],
      ['{"schemaVersion":2,', 'it is not valid JSON (cut short or overwritten)', '有効な JSON ではありません (途中で切れているか、上書きされています)'],
      ['[1,2,3]', 'it is not a conversation store of this bot', 'このボットの会話ストアではありません'],
      ['{"schemaVersion":2,"journalSeq":0,"conversations":[{"seen":"x"}]}', 'its entry 1 is not a stored conversation', '1 番目のエントリが保存された会話ではありません'],
      ['{"schemaVersion":1,"conversations":{"a":{}}}', 'its conversation 1 is not a stored conversation', '1 番目の会話が保存された会話ではありません'],
    ] as const
  ).map(([text, why, naze]): Case => ({
    name: `a conversation store: ${why}`,
    type: DataFileError,
    make: async () => refusal(() => parseSnapshot(Buffer.from(text), join(dir, 'conversations.json'), '2026-12-01T00:00:00Z')),
    english: () => `The conversation store ${join(dir, 'conversations.json')} is damaged: ${why}. Restore it from a backup, or move it away to start with no stored conversations (the bot learns each one again from the next message sent there).`,
    japanese: () => `会話ストア${join(dir, 'conversations.json')} が破損しています。${naze}。バックアップから復元するか、このファイルを別の場所に移して、保存された会話なしで起動してください (ボットは、次にその会話で送信されたメッセージから各会話を記録し直します)。`,
  })),
  {
    name: 'a conversation store that cannot be written at start',
    type: DataFileError,
    make: async () => refusal(() => JsonlConversationStore.open(join(dir, 'conversations.json'), { fs: new FaultyFiles().fail('write', 'ENOSPC') })),
    english: () => `Could not write the conversation store ${join(dir, 'conversations.json')} (ENOSPC): check the disk and the data folder's permissions.`,
    japanese: () => `会話ストア${join(dir, 'conversations.json')} に書き込めませんでした (ENOSPC)。ディスクの状態と、データフォルダーのアクセス許可を確認してください。`,
  },
  {
    name: 'a data folder in use by a running bot',
    type: DataFolderInUseError,
    make: async () => {
      const since = new Date().toISOString();
      sinceOf.set(dir, since);
      // The process that started this test is running: its lock is live.
      writeFileSync(join(dir, '.lock'), JSON.stringify({ pid: process.ppid, host: hostname(), since }) + '\n');
      return refusal(() => acquireDataFolderLock(dir));
    },
    english: () => `The data folder ${dir} is in use by another running bot (pid ${process.ppid}, since ${sinceOf.get(dir)}). Stop it first, or give this one another DATA_DIR.`,
    japanese: () => `データフォルダー${dir} は、実行中の別のボット (pid ${process.ppid}、${sinceOf.get(dir)} から) が使用しています。先にそのボットを停止するか、このボットに別の DATA_DIR を指定してください。`,
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe.each(CASES)('$name', ({ type, make, english, japanese }) => {
  it('says it in Japanese and in English, and its message (for the log) is the English', async () => {
    const error = await make();
    expect(error).toBeInstanceOf(type);
    const [en, ja] = [operatorMessage('en-US', error), operatorMessage('ja-JP', error)];
    const matches = (text: string, expected: string | RegExp) => (typeof expected === 'string' ? expect(text).toBe(expected) : expect(text).toMatch(expected));
    matches(en, english(error));
    matches(ja, japanese(error));
    expect(error.message).toBe(en);
    expect(`${en}\n${ja}`).not.toContain('s3cret-pw');
  });
});
