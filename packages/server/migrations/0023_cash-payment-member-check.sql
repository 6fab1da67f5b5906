ALTER TABLE "cash_payments" DROP CONSTRAINT "cash_payments_recipient_member_fk";
--> statement-breakpoint
-- Hand-written part of the migration `cash-payment-member-check` (issue 6 item 4): a payment's
-- recipient is a member of its enrolment. A foreign key checked that once per line, locking the
-- member row each time, which cost a 400,000-line batch seconds (PostgreSQL 15 cannot check a
-- key for many rows at once); this trigger checks all lines of a statement in one anti-join and
-- refuses the statement as the key did (SQLSTATE 23503, the key's name).
CREATE FUNCTION cash_payments_check_recipient_member() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphans bigint;
BEGIN
  -- EXECUTE plans the check for this statement's row count: a cached plan made for one top-up
  -- line would probe a batch's lines one by one, one made for a batch would scan every member
  -- to check one line.
  EXECUTE 'SELECT count(*) FROM inserted_payments p
            WHERE NOT EXISTS (SELECT 1 FROM cash_enrolment_members m
                               WHERE m.enrolment_id = p.enrolment_id
                                 AND m.person_id = p.recipient_person_id)'
    INTO orphans;
  IF orphans > 0 THEN
    RAISE EXCEPTION 'insert or update on table "cash_payments" violates constraint "cash_payments_recipient_member_fk"'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'cash_payments',
        CONSTRAINT = 'cash_payments_recipient_member_fk',
        DETAIL = format('%s payment line(s) name a recipient who is not a member of the enrolment.', orphans);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Payment lines are never updated (cash_payments_append_only), so checking inserts is enough.
CREATE TRIGGER cash_payments_recipient_member AFTER INSERT ON cash_payments
  REFERENCING NEW TABLE AS inserted_payments
  FOR EACH STATEMENT EXECUTE FUNCTION cash_payments_check_recipient_member();
--> statement-breakpoint
-- The other side of the check: a member row, once written, is never changed or deleted (no code
-- path does either; a household that changes closes its enrolment and enrols again), so no
-- payment line can lose its member. Refusing every change, rather than only changes to rows a
-- line names, has no race with a line being inserted by another transaction.
CREATE FUNCTION cash_refuse_member_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Enrolment members are kept as enrolled: close the enrolment instead'
    USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cash_enrolment_members_append_only BEFORE UPDATE OR DELETE ON cash_enrolment_members
  FOR EACH ROW EXECUTE FUNCTION cash_refuse_member_change();
--> statement-breakpoint
CREATE TRIGGER cash_enrolment_members_no_truncate BEFORE TRUNCATE ON cash_enrolment_members
  FOR EACH STATEMENT EXECUTE FUNCTION cash_refuse_member_change();
