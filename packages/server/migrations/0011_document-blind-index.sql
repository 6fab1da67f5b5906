CREATE TABLE "document_numbers_to_seal" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "identity_documents_number_idx";--> statement-breakpoint
ALTER TABLE "identity_documents" ADD COLUMN "number_sealed" text;--> statement-breakpoint
ALTER TABLE "identity_documents" ADD COLUMN "number_index" text;--> statement-breakpoint
ALTER TABLE "document_numbers_to_seal" ADD CONSTRAINT "document_numbers_to_seal_document_id_identity_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."identity_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_documents_number_index_idx" ON "identity_documents" USING btree ("number_index");--> statement-breakpoint
-- Hand-written (kept also in src/db/schema/document-blind-index.sql): the clear numbers wait here
-- until the first start with the data keys seals them (protection/document-numbers.ts).
INSERT INTO "document_numbers_to_seal" ("document_id", "number") SELECT "id", "number" FROM "identity_documents";--> statement-breakpoint
ALTER TABLE "identity_documents" DROP COLUMN "number";--> statement-breakpoint
ALTER TABLE "identity_documents" DROP COLUMN "number_normalised";
