-- Foreign cooperations per continent and field (a cooperation's field is its project's): which
-- fields each continent's partners work in. Hong Kong, Macao and Taiwan are left out. Only
-- combinations with cooperations are listed; shares and ranks are within the continent.
--
-- column: continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA or SOUTH_AMERICA
-- column: field_code: the field, e.g. HEALTH
-- column: cooperations: foreign cooperations of the continent in the field
-- column: share_of_continent_pct: 100 × cooperations / the continent's foreign cooperations, full precision
-- column: rank_in_continent: 1 = the continent's largest field; ties share a rank (SQL RANK())
-- check: unique(continent, field_code)
-- check: not_null(continent, field_code)
-- check: accepted_values(continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA, SOUTH_AMERICA)
-- check: relationship(field_code -> ${silver}.dim_fields.field_code)
-- check: expression(share_range: share_of_continent_pct > 0 AND share_of_continent_pct <= 100)
SELECT
  continent,
  field_code,
  count(*) AS cooperations,
  100 * count(*) / sum(count(*)) OVER (PARTITION BY continent) AS share_of_continent_pct,
  rank() OVER (PARTITION BY continent ORDER BY count(*) DESC) AS rank_in_continent
FROM ${gold}.cooperations
WHERE NOT is_hmt
GROUP BY continent, field_code
