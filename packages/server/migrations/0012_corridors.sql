CREATE TABLE "corridor_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"corridor_id" uuid NOT NULL,
	"status" text NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"reason" text,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corridors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country_code" char(2) NOT NULL,
	"origin_name" text NOT NULL,
	"origin_country" char(2) NOT NULL,
	"origin_pcode" text,
	"origin_latitude" double precision NOT NULL,
	"origin_longitude" double precision NOT NULL,
	"destination_name" text NOT NULL,
	"destination_country" char(2) NOT NULL,
	"destination_pcode" text,
	"destination_latitude" double precision NOT NULL,
	"destination_longitude" double precision NOT NULL,
	"route" jsonb NOT NULL,
	"guarantors" text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evacuation_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"run_id" uuid NOT NULL,
	"manifest_person_id" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE TABLE "evacuation_checkpoint_passages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"passed_at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"note" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evacuation_incidents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"place_name" text,
	"description" text,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evacuation_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"corridor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"destination_site_id" uuid,
	"country_code" char(2) NOT NULL,
	"status" text NOT NULL,
	"vehicles" jsonb NOT NULL,
	"capacity" integer NOT NULL,
	"planned_departure_at" timestamp with time zone NOT NULL,
	"expected_arrival_at" timestamp with time zone NOT NULL,
	"actual_departure_at" timestamp with time zone,
	"actual_arrival_at" timestamp with time zone,
	"arrival_margin_minutes" integer NOT NULL,
	"reported_headcount" integer,
	"closed_corridor_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifest_households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"reference" text,
	"position" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifest_persons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"patronymic" text,
	"sex" text NOT NULL,
	"birth_date" text NOT NULL,
	"nationality" char(3) NOT NULL,
	"relationship_to_head" text NOT NULL,
	"document_type" text,
	"document_number" text,
	"document_issuing_country" char(3),
	"unaccompanied" boolean NOT NULL,
	"unexpected" boolean DEFAULT false NOT NULL,
	"source_line" integer,
	"arrived_at" timestamp with time zone,
	"arrival_site_id" uuid,
	"checked_in_by" text,
	"registration_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "corridor_status_changes" ADD CONSTRAINT "corridor_status_changes_corridor_id_corridors_id_fk" FOREIGN KEY ("corridor_id") REFERENCES "public"."corridors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_alerts" ADD CONSTRAINT "evacuation_alerts_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_alerts" ADD CONSTRAINT "evacuation_alerts_manifest_person_id_manifest_persons_id_fk" FOREIGN KEY ("manifest_person_id") REFERENCES "public"."manifest_persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_checkpoint_passages" ADD CONSTRAINT "evacuation_checkpoint_passages_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_incidents" ADD CONSTRAINT "evacuation_incidents_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_runs" ADD CONSTRAINT "evacuation_runs_corridor_id_corridors_id_fk" FOREIGN KEY ("corridor_id") REFERENCES "public"."corridors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_runs" ADD CONSTRAINT "evacuation_runs_destination_site_id_sites_id_fk" FOREIGN KEY ("destination_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_households" ADD CONSTRAINT "manifest_households_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD CONSTRAINT "manifest_persons_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD CONSTRAINT "manifest_persons_household_id_manifest_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."manifest_households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD CONSTRAINT "manifest_persons_arrival_site_id_sites_id_fk" FOREIGN KEY ("arrival_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_persons" ADD CONSTRAINT "manifest_persons_registration_person_id_persons_id_fk" FOREIGN KEY ("registration_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "corridor_status_changes_seq_idx" ON "corridor_status_changes" USING btree ("corridor_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "evacuation_alerts_person_kind_idx" ON "evacuation_alerts" USING btree ("manifest_person_id","kind");--> statement-breakpoint
CREATE INDEX "evacuation_alerts_run_idx" ON "evacuation_alerts" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "evacuation_checkpoint_passages_run_idx" ON "evacuation_checkpoint_passages" USING btree ("run_id","passed_at");--> statement-breakpoint
CREATE INDEX "evacuation_incidents_run_idx" ON "evacuation_incidents" USING btree ("run_id","occurred_at");--> statement-breakpoint
CREATE INDEX "evacuation_runs_corridor_idx" ON "evacuation_runs" USING btree ("corridor_id");--> statement-breakpoint
CREATE INDEX "evacuation_runs_site_idx" ON "evacuation_runs" USING btree ("destination_site_id");--> statement-breakpoint
CREATE INDEX "evacuation_runs_open_idx" ON "evacuation_runs" USING btree ("expected_arrival_at") WHERE "evacuation_runs"."status" IN ('planned', 'departed', 'arrived');--> statement-breakpoint
CREATE INDEX "manifest_households_run_idx" ON "manifest_households" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "manifest_persons_run_idx" ON "manifest_persons" USING btree ("run_id","household_id","position");--> statement-breakpoint
CREATE INDEX "manifest_persons_household_idx" ON "manifest_persons" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "manifest_persons_awaited_idx" ON "manifest_persons" USING btree ("run_id") WHERE "manifest_persons"."arrived_at" IS NULL AND NOT "manifest_persons"."unexpected";