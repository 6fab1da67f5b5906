ALTER TABLE "identity_review_pairs" ADD COLUMN "queued_because" text DEFAULT 'uncertain' NOT NULL;--> statement-breakpoint
-- Pairs queued before the reason was kept: merged by their run, or at least as likely as its
-- link probability (held apart), or else uncertain.
UPDATE "identity_review_pairs" q SET "queued_because" = CASE
    WHEN (SELECT ca.cluster_id FROM "identity_clusters" ca WHERE ca.person_id = q.person_a_id)
      = (SELECT cb.cluster_id FROM "identity_clusters" cb WHERE cb.person_id = q.person_b_id)
      THEN 'merged-given-names-differ'
    WHEN q.match_probability >= r.link_probability THEN 'held-apart'
    ELSE 'uncertain'
  END
  FROM "identity_dedup_runs" r
  WHERE r.id = q.run_id AND q.decision IS NULL;
