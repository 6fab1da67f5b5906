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
CREATE INDEX "eligibility_assessments_person_idx" ON "eligibility_assessments" USING btree ("person_id","country_code","assessed_at");--> statement-breakpoint
CREATE INDEX "protection_cases_person_idx" ON "protection_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "protection_cases_state_idx" ON "protection_cases" USING btree ("state","opened_at");--> statement-breakpoint
CREATE INDEX "protection_status_events_person_idx" ON "protection_status_events" USING btree ("person_id","country_code","effective_on","recorded_at");--> statement-breakpoint
CREATE INDEX "protection_status_events_country_idx" ON "protection_status_events" USING btree ("country_code","status");--> statement-breakpoint
CREATE INDEX "school_enrolments_person_idx" ON "school_enrolments" USING btree ("person_id","country_code");--> statement-breakpoint
CREATE INDEX "work_authorisations_person_idx" ON "work_authorisations" USING btree ("person_id","country_code");