DROP INDEX "identity_review_pairs_pending_idx";--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD COLUMN "queued_because" text DEFAULT 'uncertain' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD COLUMN "queue_rank" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
CREATE INDEX "identity_review_pairs_pending_idx" ON "identity_review_pairs" USING btree ("queue_rank","match_probability","id") WHERE "identity_review_pairs"."decision" IS NULL;--> statement-breakpoint
ALTER TABLE "identity_review_pairs" ADD CONSTRAINT "identity_review_pairs_queued_because_check" CHECK ("identity_review_pairs"."queued_because" IN ('held-apart', 'uncertain', 'merged-given-names-differ'));--> statement-breakpoint
-- Pairs queued before the reason was kept: merged by their run, or at least as likely as its
-- link probability (held apart), or else uncertain; ranked as REVIEW_REASONS orders them.
UPDATE "identity_review_pairs" q SET "queued_because" = CASE
    WHEN (SELECT ca.cluster_id FROM "identity_clusters" ca WHERE ca.person_id = q.person_a_id)
      = (SELECT cb.cluster_id FROM "identity_clusters" cb WHERE cb.person_id = q.person_b_id)
      THEN 'merged-given-names-differ'
    WHEN q.match_probability >= r.link_probability THEN 'held-apart'
    ELSE 'uncertain'
  END
  FROM "identity_dedup_runs" r
  WHERE r.id = q.run_id AND q.decision IS NULL;--> statement-breakpoint
UPDATE "identity_review_pairs" SET "queue_rank" = CASE "queued_because"
    WHEN 'held-apart' THEN 3 WHEN 'uncertain' THEN 2 ELSE 1 END;
