package org.cooplake.jobs.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every gold table of GOLD_CONTRACT.md computed in plain Java from the clean values the generator
 * wrote: an oracle independent of the Spark jobs. It only counts (a few small maps), so it runs
 * alongside a 10-million-project generation; partial oracles of parallel ranges are merged.
 *
 * <p>Choices where the contract leaves room (documented in data/sample/README.md): cooperation
 * tables count foreign partners only (Hong Kong, Macao and Taiwan are left out of all of them);
 * a cooperation's district is its project's; the by-year tables have a row for every year from
 * the member's first year to the last year of the data, and their growth figures are on the
 * cumulative count.
 */
final class GoldOracle {
  record Table(List<String> header, List<List<String>> rows) {}

  /** The gold table names of GOLD_CONTRACT.md, in its order. */
  static final List<String> TABLES = List.of(
      "subjects_by_year", "subjects_by_district", "subjects_by_carrier_type", "subjects_by_field",
      "subjects_by_district_field", "subjects_by_mode_class", "subjects_by_partner_nature",
      "cooperations_by_continent", "cooperations_by_country", "cooperations_by_continent_field",
      "cooperations_by_country_field", "cooperations_by_continent_mode", "cooperations_by_year");

  private static final List<String> MODE_CLASSES = List.of("RD", "TRANSFER", "MARKET", "TALENT", "STANDARD", "MULTIPLE");
  private static final List<String> DIMENSIONS = List.of("ALL", "CONTINENT", "COUNTRY", "FIELD", "DISTRICT");
  private static final int FIRST_YEAR = 1990;
  private static final int YEARS = 60;

  private final Reference ref;
  private final Map<Integer, Long> newSubjectsByYear = new TreeMap<>();
  private final Map<String, Long> subjectsByDistrict = new HashMap<>();
  private final Map<String, Long> subjectsByCarrier = new HashMap<>();
  private final Map<String, Long> subjectsByField = new HashMap<>();
  private final Map<List<String>, Long> subjectsByDistrictField = new HashMap<>();
  private final Map<String, Long> subjectsByMode = new HashMap<>();
  private final Map<String, Long> subjectsByNature = new HashMap<>();
  // cooperations are counted in arrays indexed by code position: at 20 million partner rows,
  // hashing composite keys would be most of the generator's time
  private final List<String> countries;
  private final List<String> fields;
  private final List<String> districts;
  private final List<String> continents;
  private final Map<String, Integer> countryIndex = new HashMap<>();
  private final Map<String, Integer> fieldIndex = new HashMap<>();
  private final Map<String, Integer> modeIndex = new HashMap<>();
  private final Map<String, Integer> districtIndex = new HashMap<>();
  private final int[] continentOfCountry;
  private final long[][] countryField;
  private final long[][] countryMode;
  /** [dimension][member][year - FIRST_YEAR]; members indexed like their code lists. */
  private final long[][][] byYear;

  GoldOracle(Reference ref) {
    this.ref = ref;
    this.countries = List.copyOf(ref.countries.keySet());
    this.fields = List.copyOf(ref.fields.keySet());
    this.districts = List.copyOf(ref.districts.keySet());
    this.continents = ref.countries.values().stream().map(Reference.Country::continent).distinct().sorted().toList();
    for (int i = 0; i < countries.size(); i++) countryIndex.put(countries.get(i), i);
    for (int i = 0; i < fields.size(); i++) fieldIndex.put(fields.get(i), i);
    for (int i = 0; i < MODE_CLASSES.size(); i++) modeIndex.put(MODE_CLASSES.get(i), i);
    for (int i = 0; i < districts.size(); i++) districtIndex.put(districts.get(i), i);
    continentOfCountry = new int[countries.size()];
    for (int i = 0; i < countries.size(); i++) continentOfCountry[i] = continents.indexOf(ref.country(countries.get(i)).continent());
    countryField = new long[countries.size()][fields.size()];
    countryMode = new long[countries.size()][MODE_CLASSES.size()];
    byYear = new long[][][] {new long[1][YEARS], new long[continents.size()][YEARS], new long[countries.size()][YEARS],
        new long[fields.size()][YEARS], new long[districts.size()][YEARS]};
  }

  /** Adds one subject with its current projects (and their current partners). */
  void add(Clean.Subject s, List<Clean.Project> projects) {
    newSubjectsByYear.merge(s.firstYear(), 1L, Long::sum);
    subjectsByDistrict.merge(s.districtCode(), 1L, Long::sum);
    subjectsByCarrier.merge(s.carrierType(), 1L, Long::sum);
    subjectsByField.merge(s.fieldCode(), 1L, Long::sum);
    subjectsByDistrictField.merge(List.of(s.districtCode(), s.fieldCode()), 1L, Long::sum);
    subjectsByMode.merge(s.modeClass(), 1L, Long::sum);
    if (s.natureClass() != null) subjectsByNature.merge(s.natureClass(), 1L, Long::sum);
    for (Clean.Project p : projects) {
      if (p.partners().isEmpty()) continue;
      int year = p.startDate().getYear() - FIRST_YEAR;
      if (year < 0 || year >= YEARS) throw new IllegalArgumentException("start year out of range: " + p.startDate());
      int field = index(fieldIndex, p.fieldCode());
      int mode = index(modeIndex, p.modeClass());
      int district = index(districtIndex, p.districtCode());
      for (Clean.Partner partner : p.partners()) {
        int country = index(countryIndex, partner.countryCode());
        if (ref.country(partner.countryCode()).hmt()) continue;
        countryField[country][field]++;
        countryMode[country][mode]++;
        byYear[0][0][year]++;
        byYear[1][continentOfCountry[country]][year]++;
        byYear[2][country][year]++;
        byYear[3][field][year]++;
        byYear[4][district][year]++;
      }
    }
  }

  private static int index(Map<String, Integer> index, String code) {
    Integer i = index.get(code);
    if (i == null) throw new IllegalArgumentException("code not in data/reference: " + code);
    return i;
  }

  void merge(GoldOracle other) {
    other.newSubjectsByYear.forEach((k, v) -> newSubjectsByYear.merge(k, v, Long::sum));
    mergeInto(subjectsByDistrict, other.subjectsByDistrict);
    mergeInto(subjectsByCarrier, other.subjectsByCarrier);
    mergeInto(subjectsByField, other.subjectsByField);
    mergeInto(subjectsByDistrictField, other.subjectsByDistrictField);
    mergeInto(subjectsByMode, other.subjectsByMode);
    mergeInto(subjectsByNature, other.subjectsByNature);
    add(countryField, other.countryField);
    add(countryMode, other.countryMode);
    for (int d = 0; d < byYear.length; d++) add(byYear[d], other.byYear[d]);
  }

  private static void add(long[][] into, long[][] from) {
    for (int i = 0; i < into.length; i++) for (int j = 0; j < into[i].length; j++) into[i][j] += from[i][j];
  }

  private static <K> void mergeInto(Map<K, Long> into, Map<K, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  /** The non-zero cells of a count array as a map from [row code, column code]. */
  private static Map<List<String>, Long> cells(long[][] counts, List<String> rows, List<String> columns) {
    Map<List<String>, Long> m = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i].length; j++) if (counts[i][j] > 0) m.put(List.of(rows.get(i), columns.get(j)), counts[i][j]);
    }
    return m;
  }

  /** All gold tables, keyed by contract name. */
  Map<String, Table> tables() {
    Map<List<String>, Long> byCountryField = cells(countryField, countries, fields);
    Map<List<String>, Long> byCountryMode = cells(countryMode, countries, MODE_CLASSES);
    Map<String, Long> byCountry = new HashMap<>();
    byCountryField.forEach((k, n) -> byCountry.merge(k.get(0), n, Long::sum));
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("subjects_by_year", subjectsByYear());
    long subjects = total(subjectsByDistrict);
    t.put("subjects_by_district", shareTable(List.of("district_code", "district_name_zh", "district_name_en"),
        subjectsByDistrict, subjects, "subjects", code -> List.of(code, ref.district(code).nameZh(), ref.district(code).nameEn())));
    t.put("subjects_by_carrier_type", shareTable(List.of("carrier_type"), subjectsByCarrier, subjects, "subjects", List::of));
    t.put("subjects_by_field", shareTable(List.of("field_code", "field_name_zh", "field_name_en"), subjectsByField, subjects,
        "subjects", code -> List.of(code, ref.fields.get(code).nameZh(), ref.fields.get(code).nameEn())));
    t.put("subjects_by_district_field", subjectsByDistrictField());
    t.put("subjects_by_mode_class", shareTableWithoutRank("mode_class", subjectsByMode));
    t.put("subjects_by_partner_nature", shareTableWithoutRank("nature_class", subjectsByNature));

    Map<String, Long> byContinent = new HashMap<>();
    byCountry.forEach((c, n) -> byContinent.merge(ref.country(c).continent(), n, Long::sum));
    long cooperations = total(byCountry);
    t.put("cooperations_by_continent", shareTable(List.of("continent"), byContinent, cooperations, "cooperations", List::of));
    t.put("cooperations_by_country", cooperationsByCountry(byCountry, byContinent, cooperations));
    t.put("cooperations_by_continent_field", cooperationsByContinentField(byCountryField, byContinent));
    t.put("cooperations_by_country_field", cooperationsByCountryField(byCountryField));
    t.put("cooperations_by_continent_mode", cooperationsByContinentMode(byCountryMode, byContinent));
    t.put("cooperations_by_year", cooperationsByYear());
    return t;
  }

  private Table subjectsByYear() {
    List<List<String>> rows = new ArrayList<>();
    if (newSubjectsByYear.isEmpty()) return new Table(yearHeader(), rows);
    int first = ((TreeMap<Integer, Long>) newSubjectsByYear).firstKey();
    int last = ((TreeMap<Integer, Long>) newSubjectsByYear).lastKey();
    long cumulative = 0;
    long firstCumulative = 0;
    for (int y = first; y <= last; y++) {
      long added = newSubjectsByYear.getOrDefault(y, 0L);
      long previous = cumulative;
      cumulative += added;
      if (y == first) firstCumulative = cumulative;
      rows.add(List.of(Integer.toString(y), Long.toString(added), Long.toString(cumulative),
          y == first ? "" : Long.toString(cumulative - previous),
          y == first ? "" : num(100.0 * (cumulative - previous) / previous),
          num((double) cumulative / firstCumulative)));
    }
    return new Table(yearHeader(), rows);
  }

  private static List<String> yearHeader() {
    return List.of("year", "new_subjects", "cumulative_subjects", "yoy_growth", "yoy_growth_pct", "multiple_of_first_year");
  }

  /** key columns, count, share_pct, rank — rows by count descending, then key. */
  private static Table shareTable(List<String> keyHeader, Map<String, Long> counts, long total, String measure,
                                  Function<String, List<String>> keyColumns) {
    Map<String, Integer> ranks = ranks(counts);
    List<String> header = new ArrayList<>(keyHeader);
    header.addAll(List.of(measure, "share_pct", "rank"));
    List<List<String>> rows = new ArrayList<>();
    for (String k : byCountDescending(counts)) {
      List<String> row = new ArrayList<>(keyColumns.apply(k));
      row.add(Long.toString(counts.get(k)));
      row.add(num(100.0 * counts.get(k) / total));
      row.add(Integer.toString(ranks.get(k)));
      rows.add(row);
    }
    return new Table(header, rows);
  }

  private static Table shareTableWithoutRank(String key, Map<String, Long> counts) {
    long total = total(counts);
    List<List<String>> rows = new ArrayList<>();
    for (String k : byCountDescending(counts)) rows.add(List.of(k, Long.toString(counts.get(k)), num(100.0 * counts.get(k) / total)));
    return new Table(List.of(key, "subjects", "share_pct"), rows);
  }

  private Table subjectsByDistrictField() {
    List<List<String>> rows = new ArrayList<>();
    for (List<String> k : keysOf(subjectsByDistrictField)) {
      long n = subjectsByDistrictField.get(k);
      rows.add(List.of(k.get(0), k.get(1), Long.toString(n), num(100.0 * n / subjectsByDistrict.get(k.get(0)))));
    }
    return new Table(List.of("district_code", "field_code", "subjects", "share_of_district_pct"), rows);
  }

  private Table cooperationsByCountry(Map<String, Long> byCountry, Map<String, Long> byContinent, long total) {
    Map<String, Integer> ranks = ranks(byCountry);
    Map<String, Integer> ranksInContinent = new HashMap<>();
    for (String continent : byContinent.keySet()) {
      Map<String, Long> members = new HashMap<>();
      byCountry.forEach((c, n) -> {
        if (ref.country(c).continent().equals(continent)) members.put(c, n);
      });
      ranksInContinent.putAll(ranks(members));
    }
    List<List<String>> rows = new ArrayList<>();
    for (String c : byCountDescending(byCountry)) {
      Reference.Country country = ref.country(c);
      long n = byCountry.get(c);
      rows.add(List.of(c, country.nameZh(), country.nameEn(), country.continent(), Long.toString(n), num(100.0 * n / total),
          num(100.0 * n / byContinent.get(country.continent())), Integer.toString(ranks.get(c)),
          Integer.toString(ranksInContinent.get(c))));
    }
    return new Table(List.of("country_code", "country_name_zh", "country_name_en", "continent", "cooperations",
        "share_pct", "share_of_continent_pct", "rank", "rank_in_continent"), rows);
  }

  private Table cooperationsByContinentField(Map<List<String>, Long> byCountryField, Map<String, Long> byContinent) {
    Map<List<String>, Long> counts = new HashMap<>();
    byCountryField.forEach((k, n) -> counts.merge(List.of(ref.country(k.get(0)).continent(), k.get(1)), n, Long::sum));
    Map<List<String>, Integer> ranks = ranksWithin(counts, 0);
    List<List<String>> rows = new ArrayList<>();
    for (List<String> k : keysOf(counts)) {
      long n = counts.get(k);
      rows.add(List.of(k.get(0), k.get(1), Long.toString(n), num(100.0 * n / byContinent.get(k.get(0))),
          Integer.toString(ranks.get(k))));
    }
    return new Table(List.of("continent", "field_code", "cooperations", "share_of_continent_pct", "rank_in_continent"), rows);
  }

  private Table cooperationsByCountryField(Map<List<String>, Long> byCountryField) {
    Map<List<String>, Integer> ranks = ranksWithin(byCountryField, 1);
    List<List<String>> rows = new ArrayList<>();
    for (List<String> k : keysOf(byCountryField)) {
      rows.add(List.of(k.get(0), k.get(1), Long.toString(byCountryField.get(k)), Integer.toString(ranks.get(k))));
    }
    return new Table(List.of("country_code", "field_code", "cooperations", "rank_in_field"), rows);
  }

  private Table cooperationsByContinentMode(Map<List<String>, Long> byCountryMode, Map<String, Long> byContinent) {
    Map<List<String>, Long> counts = new HashMap<>();
    byCountryMode.forEach((k, n) -> counts.merge(List.of(ref.country(k.get(0)).continent(), k.get(1)), n, Long::sum));
    List<List<String>> rows = new ArrayList<>();
    for (List<String> k : keysOf(counts)) {
      long n = counts.get(k);
      rows.add(List.of(k.get(0), k.get(1), Long.toString(n), num(100.0 * n / byContinent.get(k.get(0)))));
    }
    return new Table(List.of("continent", "mode_class", "cooperations", "share_of_continent_pct"), rows);
  }

  private Table cooperationsByYear() {
    List<List<String>> members = List.of(List.of("ALL"), continents, countries, fields, districts);
    int last = -1;
    for (int y = 0; y < YEARS; y++) if (byYear[0][0][y] > 0) last = y;
    List<List<String>> rows = new ArrayList<>();
    for (int d = 0; d < DIMENSIONS.size(); d++) {
      // members in code order, each from its first year with cooperations to the last year of the data
      List<Integer> order = new ArrayList<>();
      for (int m = 0; m < members.get(d).size(); m++) order.add(m);
      List<String> codes = members.get(d);
      order.sort(Comparator.comparing(codes::get));
      for (int m : order) {
        long[] counts = byYear[d][m];
        int first = 0;
        while (first <= last && counts[first] == 0) first++;
        long cumulative = 0;
        long firstCumulative = 0;
        for (int y = first; y <= last; y++) {
          long previous = cumulative;
          cumulative += counts[y];
          if (y == first) firstCumulative = cumulative;
          rows.add(List.of(Integer.toString(FIRST_YEAR + y), DIMENSIONS.get(d), codes.get(m), Long.toString(counts[y]),
              Long.toString(cumulative),
              y == first ? "" : num(100.0 * (cumulative - previous) / previous),
              y == first ? "" : num(100.0 * (Math.pow((double) cumulative / firstCumulative, 1.0 / (y - first)) - 1))));
        }
      }
    }
    return new Table(List.of("year", "dimension", "member", "cooperations", "cumulative", "yoy_growth_pct", "cagr_pct"), rows);
  }

  // ---------------------------------------------------------------- helpers

  /** SQL RANK() by count descending: ties share a rank, the next rank skips. */
  static <K> Map<K, Integer> ranks(Map<K, Long> counts) {
    Map<K, Integer> ranks = new HashMap<>();
    for (Map.Entry<K, Long> e : counts.entrySet()) {
      int larger = 0;
      for (long other : counts.values()) if (other > e.getValue()) larger++;
      ranks.put(e.getKey(), larger + 1);
    }
    return ranks;
  }

  /** RANK() within the groups formed by key component {@code groupIndex}. */
  private static Map<List<String>, Integer> ranksWithin(Map<List<String>, Long> counts, int groupIndex) {
    Map<String, Map<List<String>, Long>> groups = new HashMap<>();
    counts.forEach((k, n) -> groups.computeIfAbsent(k.get(groupIndex), g -> new HashMap<>()).put(k, n));
    Map<List<String>, Integer> ranks = new HashMap<>();
    groups.values().forEach(g -> ranks.putAll(ranks(g)));
    return ranks;
  }

  private static List<String> byCountDescending(Map<String, Long> counts) {
    return counts.keySet().stream()
        .sorted(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k)).toList();
  }

  private static java.util.Set<List<String>> keysOf(Map<List<String>, Long> m) {
    TreeSet<List<String>> keys = new TreeSet<>(GoldOracle::compareLists);
    keys.addAll(m.keySet());
    return keys;
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }

  private static long total(Map<?, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** A double at full precision, without exponent notation. */
  static String num(double v) {
    return BigDecimal.valueOf(v).toPlainString();
  }
}
