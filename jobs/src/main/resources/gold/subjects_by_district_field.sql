-- Cooperation subjects per district and field: which fields each district's subjects work in.
-- Only combinations with subjects are listed. Shares are within the district (they add up to
-- 100 per district).
--
-- column: district_code: the district, GB/T 2260 code
-- column: field_code: the field, e.g. HEALTH
-- column: subjects: cooperation subjects of the district in the field
-- column: share_of_district_pct: 100 × subjects / the district's subjects, full precision
-- check: unique(district_code, field_code)
-- check: not_null(district_code, field_code)
-- check: relationship(district_code -> ${silver}.dim_districts.district_code)
-- check: relationship(field_code -> ${silver}.dim_fields.field_code)
-- check: expression(share_range: share_of_district_pct > 0 AND share_of_district_pct <= 100)
SELECT
  district_code,
  field_code,
  count(*) AS subjects,
  100 * count(*) / sum(count(*)) OVER (PARTITION BY district_code) AS share_of_district_pct
FROM ${silver}.subjects
GROUP BY district_code, field_code
