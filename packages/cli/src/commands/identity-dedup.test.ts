import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { transliterateUkrainian } from '@haven/core';
import { migrate } from '@haven/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countIdentityRows } from '../../../server/src/test-support/review-pairs.js';
import { CliError } from '../cli-error.js';
import { openCliDatabase } from '../database.js';
import { openCliKeyring } from '../keyring.js';
import { buildProgram } from '../program.js';
import { loadDemoData } from './demo-data.js';
import { describeTwinsRule, describeUnreadCells, readPersons } from './identity-dedup.js';

const HEADER =
  'record_id,given_name,family_name,patronymic,sex,birth_date,nationality,document_number,country';

/**
 * Other people, a third of them registered twice (Cyrillic and Latin): EM needs a population
 * to estimate the model from, as it would have in any real register.
 */
function population(): string[] {
  const given = ['Андрій', 'Богдан', 'Василь', 'Григорій', 'Дмитро', 'Євген', 'Захар', 'Ігор'];
  const roots = ['Бабич', 'Гнат', 'Дорош', 'Жук', 'Зозул', 'Кармел', 'Лагод', 'Мартин', 'Нестер'];
  const endings = ['енко', 'ук', 'ишин', 'ець', 'ура'];
  const rows: string[] = [];
  let n = 0;
  for (const root of roots) {
    for (const ending of endings) {
      for (const name of given.slice(0, 6)) {
        n += 1;
        const date = `19${String(50 + (n % 50))}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
        rows.push(`p${n},${name},${root}${ending},,male,${date},UKR,,PL`);
        if (n % 3 === 0) {
          rows.push(
            `q${n},${transliterateUkrainian(name)},${transliterateUkrainian(root + ending)},,,${date},,,DE`,
          );
        }
      }
    }
  }
  return rows;
}

const csv = (...lines: string[]): Readable => Readable.from([`${lines.join('\n')}\n`]);

/** Runs `haven identity dedup …` as the command line would, returning the error if any. */
async function runDedup(args: readonly string[]): Promise<unknown> {
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'haven', 'identity', 'dedup', ...args]);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('haven identity dedup', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haven-dedup-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes record_id,cluster_id for every record, one cluster per person', async () => {
    const input = join(dir, 'persons.csv');
    const output = join(dir, 'clusters.csv');
    await writeFile(
      input,
      [
        `${HEADER},remarks`,
        'a1,Олена,Шевченко,Іванівна,female,1985-04-12,UKR,FE123456,PL,extra column ignored',
        'a2,Olena,Szewczenko,,female,1985-04-12,,FE123456,PL,',
        'a3,Olena,Schewtschenko,Iwaniwna,female,1985-04-12,UKR,,DE,',
        'b1,Тарас,Гайдамакич,Петрович,male,1970-03-02,UKR,EK654321,RO,',
        'c1,,,,,,,,,',
        ...population(),
      ].join('\n'),
    );
    expect(await runDedup(['--input', input, '--output', output])).toBeUndefined();
    const rows = (await readFile(output, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('record_id,cluster_id');
    const clusterOf = new Map(rows.slice(1).map((row) => row.split(',') as [string, string]));
    expect([...clusterOf.keys()].slice(0, 5)).toEqual(['a1', 'a2', 'a3', 'b1', 'c1']);
    expect(clusterOf.get('a2')).toBe('a1');
    expect(clusterOf.get('a3')).toBe('a1');
    expect(clusterOf.get('b1')).toBe('b1');
    expect(new Set(clusterOf.keys()).size).toBe(rows.length - 1);
    expect(clusterOf.get('c1')).toBe('c1');
  });

  // A fresh PGlite data directory is migrated first: seconds, more on a busy machine.
  it(
    'over the database: stores every person in one identity, audited, on each run',
    { timeout: 120_000 },
    async () => {
      const dataDir = join(dir, 'pglite');
      const database = await openCliDatabase({ dataDir });
      try {
        await migrate(database);
        // With the key file the command opens: document numbers are sealed, and dedup opens them.
        await loadDemoData(database.db, await openCliKeyring({ dataDir }), {
          households: 40,
          seed: 3,
        });
      } finally {
        await database.close();
      }
      expect(await runDedup(['--data-dir', dataDir])).toBeUndefined();
      const said: string[] = [];
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
        said.push(String(text));
        return true;
      });
      try {
        expect(await runDedup(['--data-dir', dataDir])).toBeUndefined();
      } finally {
        stderr.mockRestore();
      }
      // The queue counted by why each pair is asked, and the counts add up.
      const queue =
        /Review queue: (\d+) pairs: (\d+) held apart .*?, (\d+) uncertain .*?, (\d+) merged though their given names differ/.exec(
          said.join(''),
        );
      expect(queue).not.toBeNull();
      const [total, heldApart, uncertain, merged] = (queue ?? []).slice(1).map(Number);
      expect((heldApart ?? 0) + (uncertain ?? 0) + (merged ?? 0)).toBe(total);

      const reopened = await openCliDatabase({ dataDir });
      try {
        const counts = await countIdentityRows(reopened.db);
        expect(counts.persons).toBeGreaterThan(40);
        expect(counts).toEqual({ persons: counts.persons, clustered: counts.persons, runs: 2 });
      } finally {
        await reopened.close();
      }
    },
  );

  it('refuses --output without --input, saying where the result goes', async () => {
    const error = await runDedup(['--output', join(dir, 'x.csv'), '--data-dir', dir]);
    expect(error).toBeInstanceOf(CliError);
    expect(String(error)).toMatch(/identity_clusters/);
  });

  it('names a missing file', async () => {
    const error = await runDedup(['--input', join(dir, 'absent.csv')]);
    expect(error).toBeInstanceOf(CliError);
    expect(String(error)).toMatch(/Cannot read .*absent\.csv/);
  });
});

describe('describeTwinsRule', () => {
  it('says so when different given names did not keep records apart, and is silent otherwise', () => {
    expect(
      describeTwinsRule(
        { twinsRule: { isApplied: false, pairs: 2_000, differentPairs: 268 } },
        'file',
      ),
    ).toEqual([
      expect.stringMatching(
        /268 of 2,000 pairs \(13\.4 %\).*more than 10 %.*only by a document\.$/,
      ),
    ]);
    expect(
      describeTwinsRule(
        { twinsRule: { isApplied: false, pairs: 2_000, differentPairs: 268 } },
        'database',
      ),
    ).toEqual([expect.stringMatching(/in the review queue/)]);
    expect(
      describeTwinsRule(
        { twinsRule: { isApplied: true, pairs: 2_000, differentPairs: 20 } },
        'file',
      ),
    ).toEqual([]);
  });
});

describe('readPersons', () => {
  it('refuses a file without record_id, naming the column', async () => {
    await expect(readPersons(csv('given_name,family_name', 'Олена,Шевченко'))).rejects.toThrow(
      /no record_id column/,
    );
  });

  it('says so when the file is separated by semicolons', async () => {
    await expect(
      readPersons(csv('record_id;given_name;family_name', '1;Олена;Шевченко')),
    ).rejects.toThrow(/separated by ";", not commas/);
  });

  it('refuses an empty record_id with its line number', async () => {
    await expect(readPersons(csv(HEADER, '1,Олена', ',Тарас'))).rejects.toThrow(
      /Line 3: record_id is empty/,
    );
  });

  it('refuses a repeated record_id with both line numbers', async () => {
    await expect(readPersons(csv(HEADER, '1,Олена', '2,Тарас', '1,Ганна'))).rejects.toThrow(
      /Line 4: record_id "1" already appears on line 2/,
    );
  });

  it('refuses a file over the limit before holding it in memory', async () => {
    await expect(readPersons(csv(HEADER, '1,a', '2,b', '3,c'), { maxRecords: 2 })).rejects.toThrow(
      /more than 2 records \(line 4\)/,
    );
  });

  it('refuses an empty file and malformed CSV with a message, not a stack trace', async () => {
    await expect(readPersons(csv(''))).rejects.toBeInstanceOf(CliError);
    await expect(readPersons(csv(HEADER, '1,"unclosed'))).rejects.toThrow(/not valid CSV/);
  });

  it('keeps odd names, reads dates and sexes as exports write them, and counts what says neither', async () => {
    const { records, unread } = await readPersons(
      csv(
        HEADER,
        '1,ნინო,ბერიძე,,F,1990-13-45,,,GE',
        '2,محمد,الأحمد,,Ч,31.12.1980,,,',
        `3,😀🎉,${'x'.repeat(1000)},,unknown,1985,,,`,
        '4,Олена,,,yes,1985-04,,,',
        '5,Тарас,,,,born in spring,,,',
        '6,Ірина,,,maybe,83,,,',
      ),
    );
    expect(records).toHaveLength(6);
    expect(records[0]).toMatchObject({ givenName: 'ნინო', sex: 'female', birthDate: '1990-13-45' });
    expect(records[1]).toMatchObject({ givenName: 'محمد', birthDate: '1980-12-31', sex: 'male' });
    expect(records[2]?.familyName).toHaveLength(256);
    expect(records[3]).toMatchObject({
      familyName: undefined,
      birthDate: '1985-04',
      sex: undefined,
    });
    expect(records[4]?.birthDate).toBeUndefined();
    expect(unread).toEqual({
      birth_date: { count: 2, firstLine: 6, firstText: 'born in spring' },
      sex: { count: 2, firstLine: 5, firstText: 'yes' },
    });
    expect(describeUnreadCells(unread)).toEqual([
      'birth_date: 2 cells not read as a birth date, left empty (first on line 6: "born in spring")',
      'sex: 2 cells not read as a sex, left empty (first on line 5: "yes")',
    ]);
  });

  it('reads birth_place, residence and postcode when the file has them, ignores other columns', async () => {
    const { records } = await readPersons(
      csv(
        'record_id,family_name,birth_place,occupation,postcode,residence',
        '1,Мельник,Полтава,teacher,36000,Київ',
        '2,Melnyk,,driver,,',
      ),
    );
    expect(records[0]).toMatchObject({
      birthPlace: 'Полтава',
      postcode: '36000',
      residence: 'Київ',
    });
    expect(records[0]).not.toHaveProperty('occupation');
    expect(records[1]).toMatchObject({ birthPlace: undefined, postcode: undefined });
  });
});
