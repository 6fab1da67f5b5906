-- Cash assistance (issue 6 item 4): money records are append-only. A correction is a reversing
-- posting, never an UPDATE or DELETE; this trigger refuses both on the ledger, the payment lines,
-- the provider's outcomes and the hold decisions (kept here too because drizzle-kit cannot
-- express triggers: the same SQL is the custom migration "cash_assistance_append_only").
CREATE OR REPLACE FUNCTION cash_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Table % is append-only: post a reversing entry instead', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cash_postings_append_only BEFORE UPDATE OR DELETE ON cash_postings
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_posting_lines_append_only BEFORE UPDATE OR DELETE ON cash_posting_lines
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_payments_append_only BEFORE UPDATE OR DELETE ON cash_payments
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_payment_outcomes_append_only BEFORE UPDATE OR DELETE ON cash_payment_outcomes
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cash_hold_decisions_append_only BEFORE UPDATE OR DELETE ON cash_hold_decisions
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_change();
