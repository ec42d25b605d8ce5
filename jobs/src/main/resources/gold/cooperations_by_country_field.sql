-- Foreign cooperations per country and field (a cooperation's field is its project's), with each
-- country's rank among the countries in that field ("the United States is first in every field
-- but one"). Hong Kong, Macao and Taiwan are left out. Only combinations with cooperations are
-- listed.
--
-- column: country_code: ISO 3166-1 alpha-2, or EU for the European Union
-- column: field_code: the field, e.g. HEALTH
-- column: cooperations: foreign cooperations of the country in the field
-- column: rank_in_field: 1 = the country with most cooperations in this field; ties share a rank (SQL RANK())
-- check: unique(country_code, field_code)
-- check: not_null(country_code, field_code)
-- check: relationship(country_code -> ${silver}.dim_countries.country_code)
-- check: relationship(field_code -> ${silver}.dim_fields.field_code)
-- check: expression(not_hmt: country_code NOT IN ('HK', 'MO', 'TW'))
SELECT
  country_code,
  field_code,
  count(*) AS cooperations,
  rank() OVER (PARTITION BY field_code ORDER BY count(*) DESC) AS rank_in_field
FROM ${gold}.cooperations
WHERE NOT is_hmt
GROUP BY country_code, field_code
