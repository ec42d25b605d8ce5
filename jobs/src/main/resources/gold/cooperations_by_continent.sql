-- Foreign cooperations per continent (a cooperation is a current partner organisation on a
-- project; gold.cooperations lists them). Hong Kong, Macao and Taiwan partners are left out
-- (is_hmt = true), so shares are of foreign cooperations. Only continents with cooperations are
-- listed.
--
-- column: continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA or SOUTH_AMERICA
-- column: cooperations: foreign cooperations with partners on this continent
-- column: share_pct: 100 × cooperations / all foreign cooperations, full precision (round for display)
-- column: rank: 1 = most cooperations; ties share a rank (SQL RANK())
-- check: unique(continent)
-- check: not_null(continent)
-- check: accepted_values(continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA, SOUTH_AMERICA)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
SELECT
  continent,
  count(*) AS cooperations,
  100 * count(*) / sum(count(*)) OVER () AS share_pct,
  rank() OVER (ORDER BY count(*) DESC) AS rank
FROM ${gold}.cooperations
WHERE NOT is_hmt
GROUP BY continent
