-- Cooperation subjects per Beijing district (a subject's district is that of its most recently
-- updated project). Like every gold breakdown, only districts with subjects are listed: a
-- district without any (the study's Pinggu) has no row. Shares are of all subjects.
--
-- column: district_code: the district, GB/T 2260 code (e.g. 110108)
-- column: district_name_zh: the district's Chinese name (e.g. 海淀区)
-- column: district_name_en: the district's English name (e.g. Haidian District)
-- column: subjects: cooperation subjects in the district, each counted once
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- column: rank: 1 = most subjects; ties share a rank (SQL RANK())
-- check: unique(district_code)
-- check: not_null(district_code, district_name_zh, district_name_en)
-- check: relationship(district_code -> ${silver}.dim_districts.district_code)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
WITH counts AS (
  SELECT district_code, count(*) AS subjects FROM ${silver}.subjects GROUP BY district_code
)
SELECT
  c.district_code,
  d.name_zh AS district_name_zh,
  d.name_en AS district_name_en,
  c.subjects,
  100 * c.subjects / sum(c.subjects) OVER () AS share_pct,
  rank() OVER (ORDER BY c.subjects DESC) AS rank
FROM counts c
LEFT JOIN ${silver}.dim_districts d ON d.district_code = c.district_code
