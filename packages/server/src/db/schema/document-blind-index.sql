-- Hand-written part of the migration `document-blind-index` (issue 7 item 3). drizzle-kit
-- generates the rest (the table document_numbers_to_seal, number_sealed and number_index, the
-- dropped clear columns number and number_normalised). This statement must run after
-- document_numbers_to_seal exists and BEFORE identity_documents drops "number": it carries the
-- clear numbers of existing documents over, so that the server can seal them at its next start
-- (SQL cannot: the data keys never reach the database).
INSERT INTO "document_numbers_to_seal" ("document_id", "number") SELECT "id", "number" FROM "identity_documents";
