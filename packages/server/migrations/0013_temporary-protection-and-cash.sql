CREATE TABLE "cash_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"period" char(7) NOT NULL,
	"period_starts_on" date NOT NULL,
	"period_ends_on" date NOT NULL,
	"currency" char(3) NOT NULL,
	"built_total_minor" bigint NOT NULL,
	"persons_paid" integer NOT NULL,
	"persons_held" integer NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"built_by" uuid,
	"built_by_name" text NOT NULL,
	"exported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cash_enrolment_members" (
	"enrolment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "cash_enrolment_members_enrolment_id_person_id_pk" PRIMARY KEY("enrolment_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "cash_enrolments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"recipient_person_id" uuid NOT NULL,
	"enrolled_on" date NOT NULL,
	"closed_on" date,
	"closure_reason" text,
	"enrolled_at" timestamp with time zone NOT NULL,
	"enrolled_by" uuid,
	"enrolled_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_hold_decisions" (
	"hold_id" uuid PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"released_payment_id" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"identity_key" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_ledger_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"currency" char(3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_payment_outcomes" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"reconciliation_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"provider_reference" text,
	"failure_reason" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"recipient_person_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"persons_covered" smallint NOT NULL,
	"covered_person_ids" uuid[] NOT NULL,
	"assistance_kind" text NOT NULL,
	"period_starts_on" date NOT NULL,
	"period_ends_on" date NOT NULL,
	"hold_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cash_payments_amount_positive" CHECK (amount_minor > 0)
);
--> statement-breakpoint
CREATE TABLE "cash_posting_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"posting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" char(3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_postings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"batch_id" uuid,
	"reconciliation_id" uuid,
	"hold_id" uuid,
	"memo" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"posted_by" uuid,
	"posted_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country_code" char(2) NOT NULL,
	"currency" char(3) NOT NULL,
	"assistance_kind" text NOT NULL,
	"template_id" text NOT NULL,
	"rules_version" integer NOT NULL,
	"first_person_minor" bigint NOT NULL,
	"additional_person_minor" bigint NOT NULL,
	"household_cap_minor" bigint,
	"periods_per_enrolment" smallint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"source_title" text NOT NULL,
	"source_url" text,
	"source_verified" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_reconciliations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"file_sha256" text NOT NULL,
	"rows" integer NOT NULL,
	"paid_count" integer NOT NULL,
	"failed_count" integer NOT NULL,
	"paid_minor" bigint NOT NULL,
	"failed_minor" bigint NOT NULL,
	"mismatches" jsonb NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" uuid,
	"imported_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eligibility_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"regime" text NOT NULL,
	"on_date" date NOT NULL,
	"rules_version" text NOT NULL,
	"facts" jsonb NOT NULL,
	"recommendation_kind" text NOT NULL,
	"recommended_category" text,
	"rule_id" text,
	"rule_version" text,
	"recommendation" jsonb NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"assessed_by" uuid,
	"assessed_by_name" text NOT NULL,
	"decision" text,
	"decided_eligible" boolean,
	"decided_category" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "eligibility_assessments_override_reason" CHECK ("eligibility_assessments"."decision" is distinct from 'overridden' or "eligibility_assessments"."decision_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "protection_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"kind" text NOT NULL,
	"held_event" jsonb NOT NULL,
	"conflicting" jsonb NOT NULL,
	"countries" text[] NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid,
	"opened_by_name" text NOT NULL,
	"outcome" text,
	"resolution_reason" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolved_by_name" text
);
--> statement-breakpoint
CREATE TABLE "protection_status_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"status" text NOT NULL,
	"category" text,
	"effective_on" date NOT NULL,
	"valid_until" date,
	"reason" text,
	"assessment_id" uuid,
	"case_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_enrolments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"status" text NOT NULL,
	"school_name" text,
	"place" text,
	"school_year" text,
	"requested_on" date NOT NULL,
	"enrolled_on" date,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_authorisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"country_code" char(2) NOT NULL,
	"basis" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"employer_notified_on" date,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cash_batches" ADD CONSTRAINT "cash_batches_programme_id_cash_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cash_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_batches" ADD CONSTRAINT "cash_batches_built_by_users_id_fk" FOREIGN KEY ("built_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolment_members" ADD CONSTRAINT "cash_enrolment_members_enrolment_id_cash_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."cash_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolment_members" ADD CONSTRAINT "cash_enrolment_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolments" ADD CONSTRAINT "cash_enrolments_programme_id_cash_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cash_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolments" ADD CONSTRAINT "cash_enrolments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolments" ADD CONSTRAINT "cash_enrolments_recipient_person_id_persons_id_fk" FOREIGN KEY ("recipient_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_enrolments" ADD CONSTRAINT "cash_enrolments_enrolled_by_users_id_fk" FOREIGN KEY ("enrolled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_hold_decisions" ADD CONSTRAINT "cash_hold_decisions_hold_id_cash_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."cash_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_hold_decisions" ADD CONSTRAINT "cash_hold_decisions_released_payment_id_cash_payments_id_fk" FOREIGN KEY ("released_payment_id") REFERENCES "public"."cash_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_hold_decisions" ADD CONSTRAINT "cash_hold_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_holds" ADD CONSTRAINT "cash_holds_batch_id_cash_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cash_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_holds" ADD CONSTRAINT "cash_holds_programme_id_cash_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cash_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_holds" ADD CONSTRAINT "cash_holds_enrolment_id_cash_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."cash_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_holds" ADD CONSTRAINT "cash_holds_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_ledger_accounts" ADD CONSTRAINT "cash_ledger_accounts_programme_id_cash_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cash_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payment_outcomes" ADD CONSTRAINT "cash_payment_outcomes_payment_id_cash_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."cash_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payment_outcomes" ADD CONSTRAINT "cash_payment_outcomes_reconciliation_id_cash_reconciliations_id_fk" FOREIGN KEY ("reconciliation_id") REFERENCES "public"."cash_reconciliations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payments" ADD CONSTRAINT "cash_payments_batch_id_cash_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cash_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payments" ADD CONSTRAINT "cash_payments_enrolment_id_cash_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."cash_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payments" ADD CONSTRAINT "cash_payments_recipient_person_id_persons_id_fk" FOREIGN KEY ("recipient_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_payments" ADD CONSTRAINT "cash_payments_hold_id_cash_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."cash_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_posting_lines" ADD CONSTRAINT "cash_posting_lines_posting_id_cash_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."cash_postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_posting_lines" ADD CONSTRAINT "cash_posting_lines_account_id_cash_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."cash_ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_postings" ADD CONSTRAINT "cash_postings_programme_id_cash_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cash_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_postings" ADD CONSTRAINT "cash_postings_batch_id_cash_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cash_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_postings" ADD CONSTRAINT "cash_postings_reconciliation_id_cash_reconciliations_id_fk" FOREIGN KEY ("reconciliation_id") REFERENCES "public"."cash_reconciliations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_postings" ADD CONSTRAINT "cash_postings_hold_id_cash_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."cash_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_postings" ADD CONSTRAINT "cash_postings_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_programmes" ADD CONSTRAINT "cash_programmes_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_programmes" ADD CONSTRAINT "cash_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_reconciliations" ADD CONSTRAINT "cash_reconciliations_batch_id_cash_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cash_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_reconciliations" ADD CONSTRAINT "cash_reconciliations_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_assessments" ADD CONSTRAINT "eligibility_assessments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_cases" ADD CONSTRAINT "protection_cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_cases" ADD CONSTRAINT "protection_cases_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_cases" ADD CONSTRAINT "protection_cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_cases" ADD CONSTRAINT "protection_cases_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_status_events" ADD CONSTRAINT "protection_status_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_status_events" ADD CONSTRAINT "protection_status_events_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_status_events" ADD CONSTRAINT "protection_status_events_assessment_id_eligibility_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."eligibility_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_status_events" ADD CONSTRAINT "protection_status_events_case_id_protection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."protection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_status_events" ADD CONSTRAINT "protection_status_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_enrolments" ADD CONSTRAINT "school_enrolments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_authorisations" ADD CONSTRAINT "work_authorisations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_authorisations" ADD CONSTRAINT "work_authorisations_country_code_host_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."host_countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_authorisations" ADD CONSTRAINT "work_authorisations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_batches_period_idx" ON "cash_batches" USING btree ("programme_id","period");--> statement-breakpoint
CREATE INDEX "cash_enrolment_members_person_idx" ON "cash_enrolment_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_enrolments_open_idx" ON "cash_enrolments" USING btree ("programme_id","household_id") WHERE closed_on IS NULL;--> statement-breakpoint
CREATE INDEX "cash_enrolments_household_idx" ON "cash_enrolments" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "cash_holds_batch_idx" ON "cash_holds" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "cash_holds_person_idx" ON "cash_holds" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_holds_person_batch_idx" ON "cash_holds" USING btree ("batch_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_ledger_accounts_kind_idx" ON "cash_ledger_accounts" USING btree ("programme_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "cash_payments_reference_idx" ON "cash_payments" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "cash_payments_batch_idx" ON "cash_payments" USING btree ("batch_id","id");--> statement-breakpoint
CREATE INDEX "cash_payments_enrolment_idx" ON "cash_payments" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "cash_payments_period_idx" ON "cash_payments" USING btree ("assistance_kind","period_starts_on","period_ends_on");--> statement-breakpoint
CREATE INDEX "cash_posting_lines_posting_idx" ON "cash_posting_lines" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "cash_posting_lines_account_idx" ON "cash_posting_lines" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "cash_postings_programme_idx" ON "cash_postings" USING btree ("programme_id","posted_at");--> statement-breakpoint
CREATE INDEX "cash_postings_batch_idx" ON "cash_postings" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "cash_reconciliations_batch_idx" ON "cash_reconciliations" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "eligibility_assessments_person_idx" ON "eligibility_assessments" USING btree ("person_id","country_code","assessed_at");--> statement-breakpoint
CREATE INDEX "protection_cases_person_idx" ON "protection_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "protection_cases_state_idx" ON "protection_cases" USING btree ("state","opened_at");--> statement-breakpoint
CREATE INDEX "protection_status_events_person_idx" ON "protection_status_events" USING btree ("person_id","country_code","effective_on","recorded_at");--> statement-breakpoint
CREATE INDEX "protection_status_events_country_idx" ON "protection_status_events" USING btree ("country_code","status");--> statement-breakpoint
CREATE INDEX "school_enrolments_person_idx" ON "school_enrolments" USING btree ("person_id","country_code");--> statement-breakpoint
CREATE INDEX "work_authorisations_person_idx" ON "work_authorisations" USING btree ("person_id","country_code");