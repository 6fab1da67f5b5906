import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { identityDocuments } from '../schema.js';

/**
 * Document numbers stored in clear before numbers were sealed (issue 7 item 3), moved here by the
 * migration `document-blind-index` when it dropped the clear columns: SQL cannot seal them, as
 * the data keys never reach the database. The first start with the keys seals each into
 * identity_documents and deletes its row here (protection/document-numbers.ts); the table is
 * empty from then on. Erasing the person removes the row with the document.
 */
export const documentNumbersToSeal = pgTable('document_numbers_to_seal', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => identityDocuments.id, { onDelete: 'cascade' }),
  number: text('number').notNull(),
});
