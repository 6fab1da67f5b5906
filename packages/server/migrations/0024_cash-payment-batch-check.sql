ALTER TABLE "cash_payments" DROP CONSTRAINT "cash_payments_batch_id_cash_batches_id_fk";
--> statement-breakpoint
-- Hand-written part of the migration `cash-payment-batch-check` (issue 6 item 4): a payment line
-- belongs to a batch that exists. The foreign key checked that once per line and locked the
-- batch row each time; a batch's 400,000 lines paid seconds for it. Checked once per statement
-- instead, as the recipient is (cash_payments_check_recipient_member above).
CREATE FUNCTION cash_payments_check_batch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphans bigint;
BEGIN
  -- EXECUTE: planned for this statement's row count (see cash_payments_check_recipient_member).
  EXECUTE 'SELECT count(*) FROM inserted_payments p
            WHERE NOT EXISTS (SELECT 1 FROM cash_batches b WHERE b.id = p.batch_id)'
    INTO orphans;
  IF orphans > 0 THEN
    RAISE EXCEPTION 'insert or update on table "cash_payments" violates constraint "cash_payments_batch_id_cash_batches_id_fk"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'cash_payments',
        CONSTRAINT = 'cash_payments_batch_id_cash_batches_id_fk',
        DETAIL = format('%s payment line(s) name a batch that does not exist.', orphans);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cash_payments_batch_exists AFTER INSERT ON cash_payments
  REFERENCING NEW TABLE AS inserted_payments
  FOR EACH STATEMENT EXECUTE FUNCTION cash_payments_check_batch();
--> statement-breakpoint
-- The other side: a batch is never deleted, and its id never changes (it is updated when
-- exported, so only a change of id is refused). Refusing every delete has no race with a line
-- being inserted by another transaction.
CREATE FUNCTION cash_refuse_batch_removal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'A disbursement batch is kept with its id: its lines and postings name it'
    USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cash_batches_kept BEFORE DELETE ON cash_batches
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_batch_removal();
--> statement-breakpoint
CREATE TRIGGER cash_batches_id_kept BEFORE UPDATE OF id ON cash_batches
  FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION cash_refuse_batch_removal();
--> statement-breakpoint
CREATE TRIGGER cash_batches_no_truncate BEFORE TRUNCATE ON cash_batches
  FOR EACH STATEMENT EXECUTE FUNCTION cash_refuse_batch_removal();
