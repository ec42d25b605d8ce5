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

  private final Reference ref;
  private final Map<Integer, Long> newSubjectsByYear = new TreeMap<>();
  private final Map<String, Long> subjectsByDistrict = new HashMap<>();
  private final Map<String, Long> subjectsByCarrier = new HashMap<>();
  private final Map<String, Long> subjectsByField = new HashMap<>();
  private final Map<List<String>, Long> subjectsByDistrictField = new HashMap<>();
  private final Map<String, Long> subjectsByMode = new HashMap<>();
  private final Map<String, Long> subjectsByNature = new HashMap<>();
  private final Map<String, Long> byCountry = new HashMap<>();
  private final Map<List<String>, Long> byCountryField = new HashMap<>();
  private final Map<List<String>, Long> byCountryMode = new HashMap<>();
  /** [dimension, member, year] → cooperations. */
  private final Map<List<String>, Long> byYear = new HashMap<>();

  GoldOracle(Reference ref) {
    this.ref = ref;
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
      String year = Integer.toString(p.startDate().getYear());
      for (Clean.Partner partner : p.partners()) {
        Reference.Country c = ref.country(partner.countryCode());
        if (c.hmt()) continue;
        byCountry.merge(c.code(), 1L, Long::sum);
        byCountryField.merge(List.of(c.code(), p.fieldCode()), 1L, Long::sum);
        byCountryMode.merge(List.of(c.code(), p.modeClass()), 1L, Long::sum);
        byYear.merge(List.of("ALL", "ALL", year), 1L, Long::sum);
        byYear.merge(List.of("CONTINENT", c.continent(), year), 1L, Long::sum);
        byYear.merge(List.of("COUNTRY", c.code(), year), 1L, Long::sum);
        byYear.merge(List.of("FIELD", p.fieldCode(), year), 1L, Long::sum);
        byYear.merge(List.of("DISTRICT", p.districtCode(), year), 1L, Long::sum);
      }
    }
  }

  void merge(GoldOracle other) {
    other.newSubjectsByYear.forEach((k, v) -> newSubjectsByYear.merge(k, v, Long::sum));
    mergeInto(subjectsByDistrict, other.subjectsByDistrict);
    mergeInto(subjectsByCarrier, other.subjectsByCarrier);
    mergeInto(subjectsByField, other.subjectsByField);
    mergeInto(subjectsByDistrictField, other.subjectsByDistrictField);
    mergeInto(subjectsByMode, other.subjectsByMode);
    mergeInto(subjectsByNature, other.subjectsByNature);
    mergeInto(byCountry, other.byCountry);
    mergeInto(byCountryField, other.byCountryField);
    mergeInto(byCountryMode, other.byCountryMode);
    mergeInto(byYear, other.byYear);
  }

  private static <K> void mergeInto(Map<K, Long> into, Map<K, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  /** All gold tables, keyed by contract name. */
  Map<String, Table> tables() {
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
    t.put("cooperations_by_country", cooperationsByCountry(byContinent, cooperations));
    t.put("cooperations_by_continent_field", cooperationsByContinentField(byContinent));
    t.put("cooperations_by_country_field", cooperationsByCountryField());
    t.put("cooperations_by_continent_mode", cooperationsByContinentMode(byContinent));
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

  private Table cooperationsByCountry(Map<String, Long> byContinent, long total) {
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

  private Table cooperationsByContinentField(Map<String, Long> byContinent) {
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

  private Table cooperationsByCountryField() {
    Map<List<String>, Integer> ranks = ranksWithin(byCountryField, 1);
    List<List<String>> rows = new ArrayList<>();
    for (List<String> k : keysOf(byCountryField)) {
      rows.add(List.of(k.get(0), k.get(1), Long.toString(byCountryField.get(k)), Integer.toString(ranks.get(k))));
    }
    return new Table(List.of("country_code", "field_code", "cooperations", "rank_in_field"), rows);
  }

  private Table cooperationsByContinentMode(Map<String, Long> byContinent) {
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
    int lastYear = byYear.keySet().stream().mapToInt(k -> Integer.parseInt(k.get(2))).max().orElse(0);
    Map<List<String>, Integer> firstYears = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    byYear.keySet().forEach(k -> firstYears.merge(List.of(k.get(0), k.get(1)), Integer.parseInt(k.get(2)), Math::min));
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<List<String>, Integer> member : firstYears.entrySet()) {
      int first = member.getValue();
      long cumulative = 0;
      long firstCumulative = 0;
      for (int y = first; y <= lastYear; y++) {
        long n = byYear.getOrDefault(List.of(member.getKey().get(0), member.getKey().get(1), Integer.toString(y)), 0L);
        long previous = cumulative;
        cumulative += n;
        if (y == first) firstCumulative = cumulative;
        rows.add(List.of(Integer.toString(y), member.getKey().get(0), member.getKey().get(1), Long.toString(n),
            Long.toString(cumulative),
            y == first ? "" : num(100.0 * (cumulative - previous) / previous),
            y == first ? "" : num(100.0 * (Math.pow((double) cumulative / firstCumulative, 1.0 / (y - first)) - 1))));
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
