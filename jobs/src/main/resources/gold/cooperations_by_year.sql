-- Growth of foreign cooperations per year (a cooperation's year is its project's start year),
-- for all of them (dimension ALL, member ALL) and per continent, country, field and district
-- (dimension CONTINENT, COUNTRY, FIELD, DISTRICT; member = the code). Each member's series runs
-- from the first year it has a cooperation to the latest start year in silver, with 0 in years
-- without new cooperations. Growth figures are of the cumulative count. Hong Kong, Macao and
-- Taiwan are left out of every dimension, so each dimension's members add up to ALL.
--
-- column: year: calendar year
-- column: dimension: ALL, CONTINENT, COUNTRY, FIELD or DISTRICT
-- column: member: ALL, or the continent, country code, field code or district code
-- column: cooperations: the member's foreign cooperations whose project started this year
-- column: cumulative: the member's foreign cooperations whose project started this year or before
-- column: yoy_growth_pct: 100 × (cumulative − the year before's) / the year before's; null in the member's first year
-- column: cagr_pct: compound annual growth of cumulative since the member's first year, 100 × ((cumulative / first year's)^(1 / years) − 1); null in the first year
-- check: unique(year, dimension, member)
-- check: not_null(year, dimension, member)
-- check: accepted_values(dimension: ALL, CONTINENT, COUNTRY, FIELD, DISTRICT)
-- check: expression(cumulative_covers_year: cumulative >= cooperations AND cumulative > 0)
-- check: expression(growth_known_after_first_year: (yoy_growth_pct IS NULL) = (cagr_pct IS NULL))
WITH foreign_cooperations AS (
  SELECT * FROM ${gold}.cooperations WHERE NOT is_hmt
),
last AS (
  SELECT max(y) AS last_year
  FROM (SELECT start_year AS y FROM ${silver}.projects UNION ALL SELECT year FROM foreign_cooperations)
),
by_member AS (
  SELECT 'ALL' AS dimension, 'ALL' AS member, year FROM foreign_cooperations
  UNION ALL SELECT 'CONTINENT', continent, year FROM foreign_cooperations
  UNION ALL SELECT 'COUNTRY', country_code, year FROM foreign_cooperations
  UNION ALL SELECT 'FIELD', field_code, year FROM foreign_cooperations
  UNION ALL SELECT 'DISTRICT', district_code, year FROM foreign_cooperations
),
counts AS (
  SELECT dimension, member, year, count(*) AS cooperations FROM by_member GROUP BY dimension, member, year
),
years AS (
  -- every year from the member's first to the last: no gaps in a series
  SELECT m.dimension, m.member, explode(sequence(m.first_year, l.last_year)) AS year
  FROM (SELECT dimension, member, min(year) AS first_year FROM counts GROUP BY dimension, member) m
  CROSS JOIN last l
),
series AS (
  SELECT y.dimension, y.member, y.year,
    coalesce(c.cooperations, 0) AS cooperations,
    sum(coalesce(c.cooperations, 0)) OVER member_years AS cumulative,
    min(y.year) OVER (PARTITION BY y.dimension, y.member) AS first_year
  FROM years y
  LEFT JOIN counts c ON c.dimension = y.dimension AND c.member = y.member AND c.year = y.year
  WINDOW member_years AS (PARTITION BY y.dimension, y.member ORDER BY y.year)
),
with_previous AS (
  SELECT *,
    lag(cumulative) OVER member_years AS previous,
    first_value(cumulative) OVER member_years AS first_cumulative
  FROM series
  WINDOW member_years AS (PARTITION BY dimension, member ORDER BY year)
)
SELECT
  year,
  dimension,
  member,
  cooperations,
  cumulative,
  100 * (cumulative - previous) / nullif(previous, 0) AS yoy_growth_pct,
  CASE WHEN year > first_year
    THEN 100 * (pow(cumulative / first_cumulative, 1 / (year - first_year)) - 1)
  END AS cagr_pct
FROM with_previous
