-- Protection cases opened before pair keys existed (issue 6 gap 3): each held grant's case gets
-- the pairs it is about (held person|country with each conflicting person|country, sorted), so
-- /protection-duplicates never opens a second case for a pair a caseworker already had.
UPDATE protection_cases pc
   SET pair_keys = coalesce((
     SELECT array_agg(
              CASE WHEN (pc.person_id::text || '|' || pc.country_code) COLLATE "C"
                        <= ((c ->> 'personId') || '|' || (c ->> 'countryCode')) COLLATE "C"
                   THEN pc.person_id::text || '|' || pc.country_code || '~' ||
                        (c ->> 'personId') || '|' || (c ->> 'countryCode')
                   ELSE (c ->> 'personId') || '|' || (c ->> 'countryCode') || '~' ||
                        pc.person_id::text || '|' || pc.country_code
              END)
       FROM jsonb_array_elements(pc.conflicting) AS c), '{}'::text[])
 WHERE pc.pair_keys = '{}'::text[];
