-- Foreign cooperations per continent and mode class (a cooperation's mode class is its
-- project's: MULTIPLE when the project lists two or more modes, otherwise that mode). Hong Kong,
-- Macao and Taiwan are left out. Only combinations with cooperations are listed; shares are
-- within the continent.
--
-- column: continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA or SOUTH_AMERICA
-- column: mode_class: MULTIPLE, RD, TRANSFER, MARKET, TALENT or STANDARD
-- column: cooperations: foreign cooperations of the continent in the mode class
-- column: share_of_continent_pct: 100 × cooperations / the continent's foreign cooperations, full precision
-- check: unique(continent, mode_class)
-- check: not_null(continent, mode_class)
-- check: accepted_values(continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA, SOUTH_AMERICA)
-- check: accepted_values(mode_class: MULTIPLE, RD, TRANSFER, MARKET, TALENT, STANDARD)
-- check: expression(share_range: share_of_continent_pct > 0 AND share_of_continent_pct <= 100)
SELECT
  continent,
  mode_class,
  count(*) AS cooperations,
  100 * count(*) / sum(count(*)) OVER (PARTITION BY continent) AS share_of_continent_pct
FROM ${gold}.cooperations
WHERE NOT is_hmt
GROUP BY continent, mode_class
