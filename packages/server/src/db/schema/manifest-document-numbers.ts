import { foreignKey, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { manifestPersons } from './corridors.js';

/**
 * Manifest document numbers stored in clear before manifests were sealed (issues 5 and 7), moved
 * here by the migration `manifest-document-numbers-sealed` when it dropped the clear column, as
 * document_numbers_to_seal did for identity documents: SQL cannot seal them, the data keys never
 * reach the database. The first start with the keys seals each into manifest_persons and deletes
 * its row here (protection/document-numbers.ts); the table is empty from then on. Erasure and
 * retention delete the row with the entry's number.
 */
export const manifestDocumentNumbersToSeal = pgTable(
  'manifest_document_numbers_to_seal',
  {
    manifestPersonId: uuid('manifest_person_id').primaryKey(),
    number: text('number').notNull(),
  },
  (t) => [
    // Named: drizzle's generated name would pass PostgreSQL's 63-byte limit and be cut.
    foreignKey({
      name: 'manifest_numbers_to_seal_person_fk',
      columns: [t.manifestPersonId],
      foreignColumns: [manifestPersons.id],
    }).onDelete('cascade'),
  ],
);
