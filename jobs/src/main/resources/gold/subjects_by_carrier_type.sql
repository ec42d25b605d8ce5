-- Cooperation subjects per carrier type (the kind of organisation: enterprise, university, …; a
-- subject's carrier type is that of its most recently updated project). All five types are
-- listed, those without subjects with 0. Shares are of all subjects.
--
-- column: carrier_type: ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE, INTERMEDIARY or SCIENCE_PARK
-- column: subjects: cooperation subjects of this type, each counted once
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- column: rank: 1 = most subjects; ties share a rank (SQL RANK())
-- check: unique(carrier_type)
-- check: not_null(carrier_type, subjects, share_pct, rank)
-- check: accepted_values(carrier_type: ENTERPRISE, UNIVERSITY, RESEARCH_INSTITUTE, INTERMEDIARY, SCIENCE_PARK)
-- check: relationship(carrier_type -> ${silver}.dim_carrier_types.carrier_type)
-- check: expression(share_range: share_pct BETWEEN 0 AND 100)
WITH counts AS (
  SELECT carrier_type, count(*) AS subjects FROM ${silver}.subjects GROUP BY carrier_type
),
types AS (
  SELECT coalesce(d.carrier_type, c.carrier_type) AS carrier_type, coalesce(c.subjects, 0) AS subjects
  FROM ${silver}.dim_carrier_types d
  FULL JOIN counts c ON c.carrier_type = d.carrier_type
)
SELECT
  carrier_type,
  subjects,
  coalesce(100 * subjects / nullif(sum(subjects) OVER (), 0), 0) AS share_pct,
  rank() OVER (ORDER BY subjects DESC) AS rank
FROM types
