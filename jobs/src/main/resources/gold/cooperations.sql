-- Every cooperation, one row each: a current partner organisation on a project (one
-- silver.project_partners row) with the attributes of its project that the breakdowns use. The
-- cooperations_by_* tables are counts of this table.
--
-- Hong Kong, Macao and Taiwan partners are kept here, flagged is_hmt = true, and left out of
-- every cooperations_by_* table, which count foreign cooperations only (is_hmt = false). A
-- partner row whose project is not in silver.projects fails the not_null check instead of
-- disappearing from the counts.
--
-- column: project_id: the project (normalised business key, e.g. BJ-2016-00123)
-- column: partner_key: the partner organisation on it: normalised partner name | country code
-- column: subject_id: the Beijing cooperation subject that runs the project
-- column: country_code: the partner's country, ISO 3166-1 alpha-2, or EU, HK, MO, TW
-- column: continent: the partner's continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA, SOUTH_AMERICA
-- column: is_hmt: true for Hong Kong, Macao and Taiwan partners, which the foreign-country tables leave out
-- column: partner_type: the partner's nature: UNIVERSITY, ENTERPRISE, RESEARCH, GOVERNMENT, INTL_ORG, INDUSTRY_ORG
-- column: district_code: the project's Beijing district (GB/T 2260)
-- column: field_code: the project's field (the cooperation's field), e.g. HEALTH
-- column: mode_class: the project's mode class: MULTIPLE when it lists two or more modes, else that mode
-- column: year: the year of the cooperation: its project's start year
-- check: unique(project_id, partner_key)
-- check: not_null(project_id, partner_key, subject_id, country_code, continent, is_hmt, district_code, field_code, mode_class, year)
-- check: accepted_values(continent: EUROPE, NORTH_AMERICA, ASIA, OCEANIA, AFRICA, SOUTH_AMERICA)
-- check: accepted_values(mode_class: MULTIPLE, RD, TRANSFER, MARKET, TALENT, STANDARD)
-- check: relationship(country_code -> ${silver}.dim_countries.country_code)
-- check: relationship(district_code -> ${silver}.dim_districts.district_code)
-- check: relationship(field_code -> ${silver}.dim_fields.field_code)
SELECT
  pp.project_id,
  pp.partner_key,
  p.subject_id,
  pp.country_code,
  pp.continent,
  pp.is_hmt,
  pp.partner_type,
  p.district_code,
  p.field_code,
  p.mode_class,
  p.start_year AS year
FROM ${silver}.project_partners pp
LEFT JOIN ${silver}.projects p ON p.project_id = pp.project_id
