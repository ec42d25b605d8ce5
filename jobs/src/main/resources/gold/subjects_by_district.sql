-- Cooperation subjects per Beijing district (a subject's district is that of its most recently
-- updated project). All 16 districts are listed, those without subjects with 0, so that "present
-- in 15 of the 16 districts" reads as subjects > 0. Shares are of all subjects.
--
-- column: district_code: the district, GB/T 2260 code (e.g. 110108)
-- column: district_name_zh: the district's Chinese name (e.g. 海淀区)
-- column: district_name_en: the district's English name (e.g. Haidian District)
-- column: subjects: cooperation subjects in the district, each counted once
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- column: rank: 1 = most subjects; ties share a rank (SQL RANK()), districts without subjects rank last
-- check: unique(district_code)
-- check: not_null(district_code, district_name_zh, district_name_en, subjects, share_pct, rank)
-- check: relationship(district_code -> ${silver}.dim_districts.district_code)
-- check: expression(share_range: share_pct BETWEEN 0 AND 100)
WITH counts AS (
  SELECT district_code, count(*) AS subjects FROM ${silver}.subjects GROUP BY district_code
),
districts AS (
  -- a full join, so that a subject in a district missing from the dimension fails a check
  SELECT coalesce(d.district_code, c.district_code) AS district_code,
    d.name_zh AS district_name_zh,
    d.name_en AS district_name_en,
    coalesce(c.subjects, 0) AS subjects
  FROM ${silver}.dim_districts d
  FULL JOIN counts c ON c.district_code = d.district_code
)
SELECT
  district_code,
  district_name_zh,
  district_name_en,
  subjects,
  coalesce(100 * subjects / nullif(sum(subjects) OVER (), 0), 0) AS share_pct,
  rank() OVER (ORDER BY subjects DESC) AS rank
FROM districts
