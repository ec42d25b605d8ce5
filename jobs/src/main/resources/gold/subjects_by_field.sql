-- Cooperation subjects per field (Beijing's ten high-tech industries and OTHER; a subject's field
-- is that of its most recently updated project). Only fields with subjects are listed. Shares
-- are of all subjects.
--
-- column: field_code: the field, e.g. HEALTH, ENV, NGIT (see silver.dim_fields)
-- column: field_name_zh: the field's Chinese name (e.g. 医药健康)
-- column: field_name_en: the field's English name (e.g. Medicine and health)
-- column: subjects: cooperation subjects in the field, each counted once
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- column: rank: 1 = most subjects; ties share a rank (SQL RANK())
-- check: unique(field_code)
-- check: not_null(field_code, field_name_zh, field_name_en)
-- check: relationship(field_code -> ${silver}.dim_fields.field_code)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
WITH counts AS (
  SELECT field_code, count(*) AS subjects FROM ${silver}.subjects GROUP BY field_code
)
SELECT
  c.field_code,
  d.name_zh AS field_name_zh,
  d.name_en AS field_name_en,
  c.subjects,
  100 * c.subjects / sum(c.subjects) OVER () AS share_pct,
  rank() OVER (ORDER BY c.subjects DESC) AS rank
FROM counts c
LEFT JOIN ${silver}.dim_fields d ON d.field_code = c.field_code
