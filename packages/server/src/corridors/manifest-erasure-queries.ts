import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/open.js';

/** What an erased name reads, as on erased persons (subject-rights/queries.ts). */
const ERASED = '[erased]';

/**
 * Erases manifest entries in place (the ids `ids` selects): names, document and the day and
 * month of birth go, with any clear number still waiting to be sealed; sex, birth year,
 * nationality, relationship, arrival and flags stay, so that the run's boarded, arrived and
 * unexpected counts stay. A household whose members are all erased loses its reference (the
 * coordinator's label, which may carry a family name). Answers the entries erased now, with the
 * country of their run; entries already erased are left as they are.
 */
export async function eraseManifestEntries(
  db: Db,
  ids: SQL,
): Promise<{ id: string; country: string }[]> {
  const erased = await queryRows<{ id: string; country: string; household_id: string }>(
    db,
    sql`UPDATE manifest_persons m SET given_name = ${ERASED}, family_name = ${ERASED},
          patronymic = NULL, birth_date = substr(m.birth_date, 1, 4), document_type = NULL,
          document_number_sealed = NULL, document_number_index = NULL,
          document_issuing_country = NULL, source_line = NULL, erased_at = now()
        FROM evacuation_runs erased_run
        WHERE erased_run.id = m.run_id AND m.erased_at IS NULL AND m.id IN (${ids})
        RETURNING m.id, erased_run.country_code AS country, m.household_id`,
  );
  if (erased.length === 0) {
    return [];
  }
  const erasedIds = sql.param(erased.map((entry) => entry.id));
  await db.execute(
    sql`DELETE FROM manifest_document_numbers_to_seal
        WHERE manifest_person_id = ANY(${erasedIds}::uuid[])`,
  );
  await db.execute(
    sql`UPDATE manifest_households h SET reference = NULL
        WHERE h.id = ANY(${sql.param([...new Set(erased.map((e) => e.household_id))])}::uuid[])
          AND NOT EXISTS (SELECT 1 FROM manifest_persons kept
                          WHERE kept.household_id = h.id AND kept.erased_at IS NULL)`,
  );
  return erased.map(({ id, country }) => ({ id, country }));
}
