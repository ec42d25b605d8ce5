-- Cooperation subjects per partner-nature class: MULTIPLE when a subject's partners are of two
-- or more types, otherwise that one type. Subjects with no known partner are left out, so shares
-- are of the subjects with partners (the study's Table 1).
--
-- column: nature_class: MULTIPLE, UNIVERSITY, ENTERPRISE, RESEARCH, GOVERNMENT, INTL_ORG or INDUSTRY_ORG
-- column: subjects: cooperation subjects in the class
-- column: share_pct: 100 × subjects / subjects with a known partner, full precision (round for display)
-- check: unique(nature_class)
-- check: not_null(nature_class)
-- check: accepted_values(nature_class: MULTIPLE, UNIVERSITY, ENTERPRISE, RESEARCH, GOVERNMENT, INTL_ORG, INDUSTRY_ORG)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
SELECT
  nature_class,
  count(*) AS subjects,
  100 * count(*) / sum(count(*)) OVER () AS share_pct
FROM ${silver}.subjects
WHERE nature_class IS NOT NULL
GROUP BY nature_class
