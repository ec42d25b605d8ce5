-- Foreign cooperations per partner country or region (the European Union, EU, counts as a
-- region of its own in Europe). Hong Kong, Macao and Taiwan are left out (is_hmt = true). Only
-- countries with cooperations are listed. Shares and ranks are given both among all foreign
-- cooperations and within the country's continent.
--
-- column: country_code: ISO 3166-1 alpha-2, or EU for the European Union
-- column: country_name_zh: the country's Chinese name (e.g. 美国)
-- column: country_name_en: the country's English name (e.g. United States)
-- column: continent: the country's continent
-- column: cooperations: foreign cooperations with partners in this country
-- column: share_pct: 100 × cooperations / all foreign cooperations, full precision (round for display)
-- column: share_of_continent_pct: 100 × cooperations / the continent's foreign cooperations, full precision
-- column: rank: 1 = most cooperations among all countries; ties share a rank (SQL RANK())
-- column: rank_in_continent: 1 = most cooperations within the continent; ties share a rank
-- check: unique(country_code)
-- check: not_null(country_code, country_name_zh, country_name_en, continent)
-- check: relationship(country_code -> ${silver}.dim_countries.country_code)
-- check: expression(not_hmt: country_code NOT IN ('HK', 'MO', 'TW'))
-- check: expression(share_range: share_pct > 0 AND share_pct <= share_of_continent_pct AND share_of_continent_pct <= 100)
WITH counts AS (
  SELECT country_code, continent, count(*) AS cooperations
  FROM ${gold}.cooperations
  WHERE NOT is_hmt
  GROUP BY country_code, continent
)
SELECT
  c.country_code,
  d.name_zh AS country_name_zh,
  d.name_en AS country_name_en,
  c.continent,
  c.cooperations,
  100 * c.cooperations / sum(c.cooperations) OVER () AS share_pct,
  100 * c.cooperations / sum(c.cooperations) OVER (PARTITION BY c.continent) AS share_of_continent_pct,
  rank() OVER (ORDER BY c.cooperations DESC) AS rank,
  rank() OVER (PARTITION BY c.continent ORDER BY c.cooperations DESC) AS rank_in_continent
FROM counts c
LEFT JOIN ${silver}.dim_countries d ON d.country_code = c.country_code
