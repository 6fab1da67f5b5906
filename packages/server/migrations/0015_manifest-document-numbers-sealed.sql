CREATE TABLE "manifest_document_numbers_to_seal" (
	"manifest_person_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD COLUMN "document_number_sealed" text;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD COLUMN "document_number_index" text;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "manifest_document_numbers_to_seal" ADD CONSTRAINT "manifest_numbers_to_seal_person_fk" FOREIGN KEY ("manifest_person_id") REFERENCES "public"."manifest_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written (kept also in src/db/schema/manifest-document-numbers.sql): the clear numbers wait
-- here until the first start with the data keys seals them (protection/document-numbers.ts).
INSERT INTO "manifest_document_numbers_to_seal" ("manifest_person_id", "number") SELECT "id", "document_number" FROM "manifest_persons" WHERE "document_number" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "manifest_persons" DROP COLUMN "document_number";