ALTER TABLE "cash_holds" DROP CONSTRAINT "cash_holds_enrolment_id_cash_enrolments_id_fk";
--> statement-breakpoint
ALTER TABLE "cash_holds" DROP CONSTRAINT "cash_holds_person_id_persons_id_fk";
--> statement-breakpoint
DROP INDEX "cash_holds_batch_idx";--> statement-breakpoint
ALTER TABLE "cash_holds" ADD CONSTRAINT "cash_holds_member_fk" FOREIGN KEY ("enrolment_id","person_id") REFERENCES "public"."cash_enrolment_members"("enrolment_id","person_id") ON DELETE no action ON UPDATE no action;