ALTER TABLE "cash_payments" DROP CONSTRAINT "cash_payments_enrolment_id_cash_enrolments_id_fk";
--> statement-breakpoint
ALTER TABLE "cash_payments" DROP CONSTRAINT "cash_payments_recipient_person_id_persons_id_fk";
--> statement-breakpoint
ALTER TABLE "cash_payments" ADD CONSTRAINT "cash_payments_recipient_member_fk" FOREIGN KEY ("enrolment_id","recipient_person_id") REFERENCES "public"."cash_enrolment_members"("enrolment_id","person_id") ON DELETE no action ON UPDATE no action;