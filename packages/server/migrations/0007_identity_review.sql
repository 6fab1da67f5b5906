CREATE TABLE "identity_clusters" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"cluster_id" uuid NOT NULL,
	"run_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_dedup_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"persons" integer NOT NULL,
	"candidate_pairs" bigint NOT NULL,
	"clusters" integer NOT NULL,
	"multi_person_clusters" integer NOT NULL,
	"largest_cluster" integer NOT NULL,
	"must_links" integer NOT NULL,
	"cannot_links" integer NOT NULL,
	"constraint_conflicts" integer NOT NULL,
	"review_pairs" integer NOT NULL,
	"review_probability" double precision NOT NULL,
	"link_probability" double precision NOT NULL,
	"prior_match_probability" double precision NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_review_pairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_a_id" uuid NOT NULL,
	"person_b_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"match_weight" double precision NOT NULL,
	"match_probability" double precision NOT NULL,
	"contributions" jsonb NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"decision" text,
	"reason" text,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "identity_clusters" ADD CONSTRAINT "identity_clusters_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_clusters" ADD CONSTRAINT "identity_clusters_run_id_identity_dedup_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."identity_dedup_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD CONSTRAINT "identity_review_pairs_person_a_id_persons_id_fk" FOREIGN KEY ("person_a_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD CONSTRAINT "identity_review_pairs_person_b_id_persons_id_fk" FOREIGN KEY ("person_b_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD CONSTRAINT "identity_review_pairs_run_id_identity_dedup_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."identity_dedup_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD CONSTRAINT "identity_review_pairs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_clusters_cluster_idx" ON "identity_clusters" USING btree ("cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_review_pairs_persons_idx" ON "identity_review_pairs" USING btree ("person_a_id","person_b_id");--> statement-breakpoint
CREATE INDEX "identity_review_pairs_person_b_idx" ON "identity_review_pairs" USING btree ("person_b_id");--> statement-breakpoint
CREATE INDEX "identity_review_pairs_pending_idx" ON "identity_review_pairs" USING btree ("match_probability","id") WHERE "identity_review_pairs"."decision" IS NULL;