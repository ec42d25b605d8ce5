-- Cooperation subjects per carrier type (the kind of organisation: enterprise, university, …; a
-- subject's carrier type is that of its most recently updated project). Only types with subjects
-- are listed. Shares are of all subjects.
--
-- column: carrier_type: ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE, INTERMEDIARY or SCIENCE_PARK
-- column: subjects: cooperation subjects of this type, each counted once
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- column: rank: 1 = most subjects; ties share a rank (SQL RANK())
-- check: unique(carrier_type)
-- check: not_null(carrier_type)
-- check: accepted_values(carrier_type: ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE, INTERMEDIARY, SCIENCE_PARK)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
SELECT
  carrier_type,
  count(*) AS subjects,
  100 * count(*) / sum(count(*)) OVER () AS share_pct,
  rank() OVER (ORDER BY count(*) DESC) AS rank
FROM ${silver}.subjects
GROUP BY carrier_type
