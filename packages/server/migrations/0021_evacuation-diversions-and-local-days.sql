CREATE TABLE "evacuation_diversions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"from_site_id" uuid NOT NULL,
	"to_site_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"incident_id" uuid NOT NULL,
	"diverted_at" timestamp with time zone NOT NULL,
	"diverted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "corridors" ADD COLUMN "time_zone" text DEFAULT 'Europe/Kyiv' NOT NULL;--> statement-breakpoint
ALTER TABLE "evacuation_runs" ADD COLUMN "diverted_site_id" uuid;--> statement-breakpoint
ALTER TABLE "evacuation_diversions" ADD CONSTRAINT "evacuation_diversions_run_id_evacuation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evacuation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_diversions" ADD CONSTRAINT "evacuation_diversions_from_site_id_sites_id_fk" FOREIGN KEY ("from_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_diversions" ADD CONSTRAINT "evacuation_diversions_to_site_id_sites_id_fk" FOREIGN KEY ("to_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evacuation_diversions" ADD CONSTRAINT "evacuation_diversions_incident_id_evacuation_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."evacuation_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evacuation_diversions_run_idx" ON "evacuation_diversions" USING btree ("run_id","diverted_at");--> statement-breakpoint
ALTER TABLE "evacuation_runs" ADD CONSTRAINT "evacuation_runs_diverted_site_id_sites_id_fk" FOREIGN KEY ("diverted_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;