-- Growth of the number of cooperation subjects: per year, the subjects whose first project
-- started that year, and the running total. Every year from the earliest to the latest start
-- year in silver appears, with 0 new subjects where there were none. Growth figures compare
-- the cumulative total with the year before (the study's "13 times from 2012 to 2018" is
-- multiple_of_first_year in 2018).
--
-- column: year: calendar year
-- column: new_subjects: subjects whose first year (earliest project start) is this year
-- column: cumulative_subjects: subjects active by the end of this year (first year ≤ year)
-- column: yoy_growth: cumulative_subjects minus the year before's; null in the first year
-- column: yoy_growth_pct: 100 × yoy_growth / the year before's cumulative_subjects; null in the first year
-- column: multiple_of_first_year: cumulative_subjects / cumulative_subjects of the first year
-- check: unique(year)
-- check: not_null(year, multiple_of_first_year)
-- check: expression(counts_not_negative: new_subjects >= 0 AND cumulative_subjects >= new_subjects)
-- check: expression(growth_matches_new: yoy_growth IS NULL OR yoy_growth = new_subjects)
-- check: expression(all_subjects_counted: year < (SELECT max(year) FROM ${gold}.subjects_by_year) OR cumulative_subjects = (SELECT count(*) FROM ${silver}.subjects))
WITH span AS (
  SELECT min(y) AS first_year, max(y) AS last_year
  FROM (SELECT first_year AS y FROM ${silver}.subjects
        UNION ALL SELECT start_year FROM ${silver}.projects)
),
years AS (
  SELECT explode(sequence(first_year, last_year)) AS year FROM span
),
new AS (
  SELECT first_year AS year, count(*) AS new_subjects FROM ${silver}.subjects GROUP BY first_year
),
series AS (
  SELECT y.year,
    coalesce(n.new_subjects, 0) AS new_subjects,
    sum(coalesce(n.new_subjects, 0)) OVER (ORDER BY y.year) AS cumulative_subjects
  FROM years y LEFT JOIN new n ON n.year = y.year
),
with_previous AS (
  SELECT *,
    lag(cumulative_subjects) OVER (ORDER BY year) AS previous,
    first_value(cumulative_subjects) OVER (ORDER BY year) AS first_cumulative
  FROM series
)
SELECT
  year,
  new_subjects,
  cumulative_subjects,
  cumulative_subjects - previous AS yoy_growth,
  100 * (cumulative_subjects - previous) / nullif(previous, 0) AS yoy_growth_pct,
  cumulative_subjects / nullif(first_cumulative, 0) AS multiple_of_first_year
FROM with_previous
