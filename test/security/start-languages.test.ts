import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/embedded-postgres.js';
import { runUntilExit } from '../support/spawned-bot.js';

/**
 * What stops the real start (`node dist/src/index.js`, as `npm start` runs it) in the operator's language
 * (LANG): a PostgreSQL server that cannot be reached, a damaged file (the audit trail's is found by the
 * checking thread, which hands its sentence back as data), the port taken. A sentence and exit 2, never
 * a stack trace, and never the database password.
 */
const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'benefits-start-lang-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PASSWORD = 's3cret-pw';
const settings = (dir: string, lang: string, extra: Record<string, string> = {}) => ({
  LANG: lang,
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dir,
  BENEFITS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  INVENTORY_SEED_FILE: '',
  DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOOPBACK: 'true',
  LOG_LEVEL: 'warn',
  ...extra,
});

const LANGUAGES = [
  {
    name: 'Japanese',
    lang: 'ja_JP.UTF-8',
    unreachable: /^PostgreSQL サーバー postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/benefits に接続できませんでした \(ECONNREFUSED\)。DATABASE_URL の値と、サーバーが起動していてこのユーザーの接続を受け付けることを確認してください。$/m,
    auditDamaged: (file: string) => `${file} の 1 行目が破損しています (完全なエントリではありません)。`,
    conversationsDamaged: (file: string) => `会話ストア${file} が破損しています。有効な JSON ではありません (途中で切れているか、上書きされています)。`,
    portTaken: (port: number) => `PORT：127.0.0.1 のポート ${port} は別のプログラムが使用しています。`,
  },
  {
    name: 'English',
    lang: 'en_US.UTF-8',
    unreachable: /^Could not connect to PostgreSQL at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/benefits \(ECONNREFUSED\): check DATABASE_URL/m,
    auditDamaged: (file: string) => `${file}, line 1, is damaged (it is not a whole entry)`,
    conversationsDamaged: (file: string) => `The conversation store ${file} is damaged: it is not valid JSON (cut short or overwritten).`,
    portTaken: (port: number) => `PORT: port ${port} on 127.0.0.1 is already in use by another program.`,
  },
] as const;

const refused = (exit: { code: number | null; stdout: string; stderr: string }) => {
  expect(exit.code).toBe(2);
  expect(exit.stderr).not.toMatch(/^\s+at /m);
  expect(exit.stdout).not.toMatch(/bot ready/);
  expect(`${exit.stdout}\n${exit.stderr}`).not.toContain(PASSWORD);
};

describe.each(LANGUAGES)('the start refused in $name', (language) => {
  it('STORE=postgres and a server that cannot be reached: the server named, not its password', async () => {
    const url = `postgres://bot:${PASSWORD}@127.0.0.1:${await freePort()}/benefits`;
    const exit = await runUntilExit(settings(folder(), language.lang, { STORE: 'postgres', DATABASE_URL: url }));
    refused(exit);
    expect(exit.stderr).toMatch(language.unreachable);
  });

  it('an audit trail damaged before its last line (found on the checking thread), and a garbled conversations.json', async () => {
    const audit = folder();
    writeFileSync(join(audit, 'audit.jsonl'), '{"garbage\n{"and": 2}\n');
    const auditExit = await runUntilExit(settings(audit, language.lang));
    refused(auditExit);
    expect(auditExit.stderr).toContain(language.auditDamaged(join(audit, 'audit.jsonl')));

    const conversations = folder();
    writeFileSync(join(conversations, 'conversations.json'), '{"schemaVersion":2,');
    const conversationsExit = await runUntilExit(settings(conversations, language.lang));
    refused(conversationsExit);
    expect(conversationsExit.stderr).toContain(language.conversationsDamaged(join(conversations, 'conversations.json')));
  });

  it('the port held by another program', async () => {
    const server: Server = createServer();
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const exit = await runUntilExit(settings(folder(), language.lang, { PORT: String(port) }));
      refused(exit);
      expect(exit.stderr).toContain(language.portTaken(port));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
