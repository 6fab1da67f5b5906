-- Trigram indexes serve name search in any script. pg_trgm is a trusted extension (PostgreSQL >= 13),
-- so a database owner can create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
