import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/open.js';
import { needBinding } from '../bindings.js';
import type { Keyring } from '../keyring.js';

export interface StoredNeed {
  readonly id: string;
  readonly keyId: string | null;
  readonly codeSealed: string | null;
  readonly noteSealed: string | null;
}

/** Where the test data is: every household registered at a site of this country. */
export const TEST_COUNTRY = 'PL';

/**
 * A household of one registered at a new site in `country`, stored directly: the needs and
 * documents under test hang on a person, and the country chooses their data key.
 */
export async function insertPerson(db: Db, country: string = TEST_COUNTRY): Promise<string> {
  const householdId = randomUUID();
  const personId = randomUUID();
  const siteId = randomUUID();
  await db.execute(sql`INSERT INTO households (id) VALUES (${householdId})`);
  await db.execute(sql`
    INSERT INTO sites (id, country_code, name, kind, latitude, longitude)
    VALUES (${siteId}, ${country}, ${`Test site ${siteId}`}, 'border-crossing', 50.0, 23.0)`);
  await db.execute(sql`
    INSERT INTO registrations (id, household_id, site_id, registered_at, registrar, origin_pcode,
      arrival_mode)
    VALUES (${randomUUID()}, ${householdId}, ${siteId}, now(), 'test', 'UA80', 'on-foot')`);
  await db.execute(sql`
    INSERT INTO persons (id, household_id, position, given_name, family_name, given_name_latin,
      family_name_latin, search_names, sex, birth_date, birth_date_from, birth_date_to, nationality,
      relationship_to_head)
    VALUES (${personId}, ${householdId}, 0, 'Олена', 'Шевченко', 'Olena', 'Shevchenko',
      ' олена шевченко olena shevchenko ', 'female', '1985-04-12', '1985-04-12', '1985-04-12',
      'UKR', 'head')`);
  return personId;
}

/** A protection-class need stored as registration stores it: code and note sealed to the row. */
export async function insertSealedNeed(
  db: Db,
  keyring: Keyring,
  personId: string,
  values: { readonly code: string | null; readonly note: string | null },
  country: string = TEST_COUNTRY,
): Promise<string> {
  const id = randomUUID();
  const seal = (value: string | null, column: 'code' | 'note') =>
    value === null ? null : keyring.seal(value, needBinding(id, column, country));
  await db.execute(sql`
    INSERT INTO specific_needs (id, person_id, code, sensitivity, code_sealed, note_sealed, key_id,
      status, recorded_at, recorded_by)
    VALUES (${id}, ${personId}, NULL, 'protection', ${seal(values.code, 'code')},
      ${seal(values.note, 'note')}, ${keyring.activeKeyId}, 'active', now(), 'test')`);
  return id;
}

export function listStoredNeeds(db: Db): Promise<StoredNeed[]> {
  return queryRows<StoredNeed>(
    db,
    sql`SELECT id, key_id AS "keyId", code_sealed AS "codeSealed", note_sealed AS "noteSealed"
        FROM specific_needs ORDER BY id`,
  );
}
