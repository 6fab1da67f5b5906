-- Hand-written part of the migration `manifest-document-numbers-sealed` (issues 5 and 7). drizzle-kit
-- generates the rest (the table manifest_document_numbers_to_seal, document_number_sealed,
-- document_number_index and erased_at, the dropped clear column document_number). This statement
-- must run after manifest_document_numbers_to_seal exists and BEFORE manifest_persons drops
-- "document_number": it carries the clear numbers of existing entries over, so that the server can
-- seal them at its next start (SQL cannot: the data keys never reach the database).
INSERT INTO "manifest_document_numbers_to_seal" ("manifest_person_id", "number") SELECT "id", "document_number" FROM "manifest_persons" WHERE "document_number" IS NOT NULL;
