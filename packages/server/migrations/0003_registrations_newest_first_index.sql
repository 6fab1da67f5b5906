DROP INDEX "registrations_registered_idx";--> statement-breakpoint
CREATE INDEX "registrations_registered_idx" ON "registrations" USING btree ("registered_at","id");