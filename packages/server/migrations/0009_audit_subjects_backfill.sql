-- audit_subjects only grows, like audit_log: the same trigger function refuses changes.
CREATE TRIGGER audit_subjects_append_only BEFORE UPDATE OR DELETE ON audit_subjects
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_subjects_no_truncate BEFORE TRUNCATE ON audit_subjects
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
-- Entries written before the table existed: the same ids appendAudit records (auditSubjectIds).
INSERT INTO audit_subjects (subject_id, seq)
SELECT DISTINCT named.id::uuid, named.seq
FROM (
  SELECT seq, resource_id AS id FROM audit_log
    WHERE resource_type IN ('person', 'household', 'registration')
  UNION ALL
  SELECT seq, detail->>'householdId' FROM audit_log WHERE jsonb_typeof(detail->'householdId') = 'string'
  UNION ALL
  SELECT seq, jsonb_array_elements_text(detail->'persons') FROM audit_log
    WHERE jsonb_typeof(detail->'persons') = 'array'
  UNION ALL
  SELECT seq, jsonb_array_elements_text(detail->'registrationIds') FROM audit_log
    WHERE jsonb_typeof(detail->'registrationIds') = 'array'
) AS named
WHERE named.id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
