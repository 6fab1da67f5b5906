import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/open.js';
import { sealDocumentNumber } from '../document-numbers.js';
import type { Keyring } from '../keyring.js';
import { TEST_COUNTRY } from './needs.js';

export interface StoredDocument {
  readonly id: string;
  readonly personId: string;
  readonly numberSealed: string | null;
  readonly numberIndex: string | null;
}

/** A passport stored as registration stores it: number sealed to the row, blind index beside. */
export async function insertDocument(
  db: Db,
  keyring: Keyring,
  personId: string,
  number: string,
  country: string = TEST_COUNTRY,
): Promise<string> {
  const id = randomUUID();
  const { numberSealed, numberIndex } = sealDocumentNumber(keyring, id, country, number);
  await db.execute(sql`
    INSERT INTO identity_documents (id, person_id, type, issuing_country, number_sealed,
      number_index)
    VALUES (${id}, ${personId}, 'passport', 'UKR', ${numberSealed}, ${numberIndex})`);
  return id;
}

export function listStoredDocuments(db: Db): Promise<StoredDocument[]> {
  return queryRows<StoredDocument>(
    db,
    sql`SELECT id, person_id AS "personId", number_sealed AS "numberSealed",
          number_index AS "numberIndex"
        FROM identity_documents ORDER BY id`,
  );
}
