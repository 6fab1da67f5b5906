CREATE TABLE "audit_subjects" (
	"subject_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "audit_subjects_subject_id_seq_pk" PRIMARY KEY("subject_id","seq")
);
