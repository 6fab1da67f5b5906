CREATE SEQUENCE "public"."person_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- Edited by hand: the columns are added without a default, then given it, so that existing rows
-- stay null instead of the whole table being rewritten (a volatile default fills every row).
ALTER TABLE "persons" ADD COLUMN "change_seq" bigint;--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "change_seq" SET DEFAULT nextval('person_change_seq');--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "change_xid" "xid8";--> statement-breakpoint
ALTER TABLE "persons" ALTER COLUMN "change_xid" SET DEFAULT pg_current_xact_id();--> statement-breakpoint
CREATE INDEX "persons_change_idx" ON "persons" USING btree ("change_xid","change_seq");--> statement-breakpoint
-- Hand-written part of the migration `person-changes` (issue 3 item 4): every server keeps its
-- identity match index in step with writes by any process (identity/index-sync.ts). A person's
-- change_seq and change_xid are stamped by column defaults on insert and by these triggers on
-- every later change a match depends on; each committing statement also notifies the channel
-- person_changes, so that servers catch up at once instead of at their next poll.
--
-- Re-sealing a document number or an identity (key rotation, the first start after numbers were
-- sealed) keeps its value, so it is not a change here: a rotation must not make every server
-- re-read the whole register. Correcting a number must therefore replace the document (delete
-- and insert), which is a change.
CREATE FUNCTION stamp_person_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('person_change_seq');
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER persons_stamp_change
  BEFORE UPDATE OF given_name, family_name, patronymic, sex, birth_date, nationality,
    household_id, erased_at
  ON persons FOR EACH ROW EXECUTE FUNCTION stamp_person_change();--> statement-breakpoint
-- A person whose documents change is changed; one UPDATE per statement (an import writes a
-- thousand documents at once), and none for persons this transaction has stamped already.
CREATE FUNCTION stamp_document_holders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons
  SET change_seq = nextval('person_change_seq'), change_xid = pg_current_xact_id()
  WHERE id IN (SELECT person_id FROM changed_documents)
    AND change_xid IS DISTINCT FROM pg_current_xact_id();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER identity_documents_inserted
  AFTER INSERT ON identity_documents REFERENCING NEW TABLE AS changed_documents
  FOR EACH STATEMENT EXECUTE FUNCTION stamp_document_holders();--> statement-breakpoint
CREATE TRIGGER identity_documents_deleted
  AFTER DELETE ON identity_documents REFERENCING OLD TABLE AS changed_documents
  FOR EACH STATEMENT EXECUTE FUNCTION stamp_document_holders();--> statement-breakpoint
-- Moving a document to another person, or correcting its type or issuing country, changes its
-- holders; re-sealing its number (an UPDATE of number_sealed) does not.
CREATE FUNCTION stamp_moved_document_holders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE persons
  SET change_seq = nextval('person_change_seq'), change_xid = pg_current_xact_id()
  WHERE id IN (
      SELECT unnest(ARRAY[o.person_id, n.person_id])
      FROM old_documents o JOIN new_documents n ON n.id = o.id
      WHERE (o.type, o.issuing_country, o.person_id)
        IS DISTINCT FROM (n.type, n.issuing_country, n.person_id))
    AND change_xid IS DISTINCT FROM pg_current_xact_id();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER identity_documents_updated
  AFTER UPDATE ON identity_documents
  REFERENCING OLD TABLE AS old_documents NEW TABLE AS new_documents
  FOR EACH STATEMENT EXECUTE FUNCTION stamp_moved_document_holders();--> statement-breakpoint
-- Told at commit (never for a transaction rolled back), once per transaction: the payload is
-- empty, a listener reads what changed by change_xid (notifications are not durable).
CREATE FUNCTION notify_person_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('person_changes', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER persons_notify_change
  AFTER INSERT OR UPDATE OF given_name, family_name, patronymic, sex, birth_date, nationality,
    household_id, erased_at, change_seq
  ON persons FOR EACH STATEMENT EXECUTE FUNCTION notify_person_changes();
