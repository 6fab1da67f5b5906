CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"given_by_person_id" uuid NOT NULL,
	"purposes" text[] NOT NULL,
	"method" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_countries" (
	"code" char(2) PRIMARY KEY NOT NULL,
	"alpha3" char(3) NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "host_countries_alpha3_unique" UNIQUE("alpha3")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"type" text NOT NULL,
	"issuing_country" char(3) NOT NULL,
	"number" text NOT NULL,
	"number_normalised" text NOT NULL,
	"name_as_printed" text
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"patronymic" text,
	"given_name_latin" text NOT NULL,
	"family_name_latin" text NOT NULL,
	"patronymic_latin" text,
	"search_names" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" text NOT NULL,
	"birth_date_from" date NOT NULL,
	"birth_date_to" date NOT NULL,
	"nationality" char(3) NOT NULL,
	"relationship_to_head" text NOT NULL,
	"child_care_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registrar" text NOT NULL,
	"origin_pcode" text NOT NULL,
	"arrival_mode" text NOT NULL,
	"arrival_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country_code" char(2) NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specific_needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"code" text NOT NULL,
	"sensitivity" text NOT NULL,
	"status" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_given_by_person_id_persons_id_fk" FOREIGN KEY ("given_by_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_documents" ADD CONSTRAINT "identity_documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specific_needs" ADD CONSTRAINT "specific_needs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_registration_idx" ON "consents" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "identity_documents_person_idx" ON "identity_documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "identity_documents_number_idx" ON "identity_documents" USING btree ("number_normalised");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id","position");--> statement-breakpoint
CREATE INDEX "persons_search_names_idx" ON "persons" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date_from","birth_date_to");--> statement-breakpoint
CREATE INDEX "registrations_registered_idx" ON "registrations" USING btree ("registered_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "registrations_household_idx" ON "registrations" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "registrations_site_idx" ON "registrations" USING btree ("site_id","registered_at");--> statement-breakpoint
CREATE INDEX "specific_needs_person_idx" ON "specific_needs" USING btree ("person_id");