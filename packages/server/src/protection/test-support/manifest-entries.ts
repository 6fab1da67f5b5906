import { randomUUID } from 'node:crypto';
import { ManifestPersonInput } from '@haven/contract';
import { sql } from 'drizzle-orm';
import { insertManifestHouseholds } from '../../corridors/manifest-queries.js';
import { queryRows, type Db } from '../../db/open.js';
import type { Keyring } from '../keyring.js';

/**
 * A manifest entry with a passport on a run to a reception site in `country`, stored as the
 * manifest routes store it (sealed with `keyring`). Answers the entry's id.
 */
export async function insertManifestEntry(
  db: Db,
  keyring: Keyring,
  country: string,
  number: string,
): Promise<string> {
  const [site] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO sites (country_code, name, kind, latitude, longitude)
        VALUES (${country}, ${`Crossing ${randomUUID()}`}, 'border-crossing', 48.0, 24.0)
        RETURNING id`,
  );
  const corridorId = randomUUID();
  const runId = randomUUID();
  await db.execute(sql`INSERT INTO corridors (id, name, country_code, origin_name, origin_country,
        origin_latitude, origin_longitude, destination_name, destination_country,
        destination_latitude, destination_longitude, route, guarantors, created_by)
      VALUES (${corridorId}, 'Test corridor', ${country}, 'Odesa', 'UA', 46.48, 30.72, 'Crossing',
        ${country}, 48.0, 24.0, '{"type":"LineString","coordinates":[[30.72,46.48],[24,48]]}',
        '{}', 'test')`);
  await db.execute(sql`INSERT INTO evacuation_runs (id, corridor_id, kind, label,
        destination_site_id, country_code, status, vehicles, capacity, planned_departure_at,
        expected_arrival_at, arrival_margin_minutes, created_by)
      VALUES (${runId}, ${corridorId}, 'bus', 'Bus 1', ${site?.id ?? null}, ${country}, 'departed',
        '[]', 40, now(), now() + interval '5 hours', 60, 'test')`);
  const id = randomUUID();
  await insertManifestHouseholds(
    db,
    keyring,
    runId,
    [
      {
        id: randomUUID(),
        reference: null,
        members: [
          {
            ...ManifestPersonInput.parse({
              givenName: 'Олена',
              familyName: 'Шевченко',
              sex: 'female',
              birthDate: '1985-04-12',
              relationshipToHead: 'head',
              documentType: 'international-passport',
              documentNumber: number,
            }),
            id,
            unaccompanied: false,
            sourceLine: null,
          },
        ],
      },
    ],
    'test',
  );
  return id;
}

export interface StoredManifestNumber {
  readonly id: string;
  readonly numberSealed: string | null;
  readonly numberIndex: string | null;
}

export function listStoredManifestNumbers(db: Db): Promise<StoredManifestNumber[]> {
  return queryRows<StoredManifestNumber>(
    db,
    sql`SELECT id, document_number_sealed AS "numberSealed", document_number_index AS "numberIndex"
        FROM manifest_persons ORDER BY id`,
  );
}
