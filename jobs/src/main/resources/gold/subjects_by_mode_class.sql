-- Cooperation subjects per mode class: MULTIPLE when a subject's projects use two or more
-- distinct cooperation modes, otherwise the one mode it uses. Only classes with subjects are
-- listed. Shares are of all subjects.
--
-- column: mode_class: MULTIPLE, RD, TRANSFER, MARKET, TALENT or STANDARD
-- column: subjects: cooperation subjects in the class
-- column: share_pct: 100 × subjects / all subjects, full precision (round for display)
-- check: unique(mode_class)
-- check: not_null(mode_class)
-- check: accepted_values(mode_class: MULTIPLE, RD, TRANSFER, MARKET, TALENT, STANDARD)
-- check: expression(share_range: share_pct > 0 AND share_pct <= 100)
SELECT
  mode_class,
  count(*) AS subjects,
  100 * count(*) / sum(count(*)) OVER () AS share_pct
FROM ${silver}.subjects
GROUP BY mode_class
