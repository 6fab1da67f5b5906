import {
  findAccountId,
  findSubjectIdsOfPerson,
  listEntriesNaming,
  listEntriesOfActor,
  type AuditTrailEntry,
  type Db,
} from '@haven/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../cli-error.js';
import { openCliDatabase } from '../database.js';

/** The breach questions (issue 7 item 5): what one account did, and who touched one person. */
export type WhoReadQuestion =
  | { readonly kind: 'user'; readonly user: string; readonly since: string }
  | { readonly kind: 'person'; readonly personId: string; readonly since: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Since = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const WhoReadOptions = z
  .strictObject({
    user: z.string().min(1).optional(),
    person: z.uuid().optional(),
    since: Since.optional(),
    json: z.boolean().optional(),
    dataDir: z.string().optional(),
  })
  .refine((options) => (options.user === undefined) !== (options.person === undefined), {
    message: 'give --user or --person, not both',
  })
  .refine((options) => options.user === undefined || options.since !== undefined, {
    message: '--user needs --since (an account may have millions of entries)',
  });

/** One line: when, who (role), what, which record, from where, why, in which request. */
export function formatTrailEntry(entry: AuditTrailEntry): string {
  // How many records a list or match showed (the ids themselves are in --json).
  const named = Object.entries(entry.detail).flatMap(([key, value]) =>
    Array.isArray(value) && value.some((item) => UUID.test(item))
      ? [`${String(value.length)} ${key}`]
      : [],
  );
  return [
    entry.at,
    `${entry.actor}${entry.actorRole ? ` (${entry.actorRole})` : ''}`,
    entry.action,
    `${entry.resourceType}${entry.resourceId ? ` ${entry.resourceId}` : ''}${named.length ? ` [${named.join(', ')}]` : ''}`,
    `from ${entry.ip ?? '-'}`,
    `why ${entry.purpose === null ? '-' : JSON.stringify(entry.purpose)}`,
    `request ${entry.requestId ?? '-'}`,
    `${entry.chain}#${entry.seq}`,
  ].join('  ');
}

/** Answers one question, a page of entries at a time; returns how many entries it wrote. */
export async function answerWhoRead(
  db: Db,
  question: WhoReadQuestion,
  write: (entry: AuditTrailEntry) => void,
): Promise<number> {
  let pages: AsyncGenerator<AuditTrailEntry[]>;
  if (question.kind === 'user') {
    const actorId = await findAccountId(db, question.user);
    if (actorId === undefined) {
      throw new CliError(`No account ${question.user}`);
    }
    pages = listEntriesOfActor(db, actorId, question.since);
  } else {
    const subjectIds = await findSubjectIdsOfPerson(db, question.personId);
    pages = listEntriesNaming(db, subjectIds, question.since);
  }
  let count = 0;
  for await (const page of pages) {
    for (const entry of page) {
      write(entry);
      count += 1;
    }
  }
  return count;
}

export function registerWhoReadCommand(audit: Command, dataDirHelp: string): void {
  audit
    .command('who-read')
    .description(
      'Who read or wrote what, when, from where and why: everything one account did since a ' +
        'time (--user), or everything done to one person, their household and registrations (--person)',
    )
    .option('--user <name-or-id>', 'an account, by user name or id')
    .option('--person <id>', 'a person, by id')
    .option('--since <time>', 'from this date (YYYY-MM-DD) or ISO 8601 time on')
    .option('--json', 'one JSON object per line instead of text')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (raw: unknown) => {
      const parsed = WhoReadOptions.safeParse(raw);
      if (!parsed.success) {
        throw new CliError(
          parsed.error.issues
            .map(
              (issue) => (issue.path.length ? `--${issue.path.join('.')}: ` : '') + issue.message,
            )
            .join('; '),
        );
      }
      const options = parsed.data;
      const question: WhoReadQuestion =
        options.person === undefined
          ? { kind: 'user', user: options.user ?? '', since: options.since ?? '' }
          : { kind: 'person', personId: options.person, since: options.since };
      const database = await openCliDatabase({ dataDir: options.dataDir, mustExist: true });
      try {
        const count = await answerWhoRead(database.db, question, (entry) => {
          process.stdout.write(
            `${options.json ? JSON.stringify(entry) : formatTrailEntry(entry)}\n`,
          );
        });
        process.stderr.write(`${count} entries\n`);
      } finally {
        await database.close();
      }
    });
}
