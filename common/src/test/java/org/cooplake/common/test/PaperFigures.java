package org.cooplake.common.test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;

/**
 * Every figure of ../shared/contract/PAPER_FIGURES.md as assertions on gold tables with the
 * columns of GOLD_CONTRACT.md. A share is checked to the precision the study prints (45% means it
 * rounds to 45; 66.5 means it rounds to 66.5 at one decimal); orders and ranks exactly. All
 * failures are collected and reported together, each saying which figure and what was found.
 *
 * <p>Used on the truth tables of data/sample (the generator's oracle) and on the pipeline's gold
 * tables, so both are held to the same study.
 */
public final class PaperFigures {
  private PaperFigures() {}

  private static final Set<String> HIGH_TECH_FIELDS = Set.of(
      "NGIT", "IC", "HEALTH", "EQUIP", "ENV", "NEV", "MATERIAL", "AI", "SOFTWARE", "STSERV");

  /** @param goldTable contract table name (e.g. {@code subjects_by_district}) → its rows */
  public static void assertAll(Function<String, Dataset<Row>> goldTable) {
    assertAllOnRows(name -> collect(goldTable.apply(name)));
  }

  /** The same on tables already collected: each row a map column → value. */
  public static void assertAllOnRows(Function<String, List<Map<String, Object>>> goldTable) {
    Figures f = new Figures(goldTable);
    f.growth();
    f.districts();
    f.carrierTypes();
    f.fields();
    f.modes();
    f.partnerNature();
    f.continents();
    f.countries();
    f.continentFields();
    f.germanyAndUk();
    f.unitedStatesByField();
    f.continentModes();
    if (!f.failures.isEmpty()) {
      Assertions.fail(f.failures.size() + " figure(s) of PAPER_FIGURES.md not reproduced:\n  - "
          + String.join("\n  - ", f.failures));
    }
  }

  private static List<Map<String, Object>> collect(Dataset<Row> df) {
    String[] names = df.columns();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Map<String, Object> m = new HashMap<>();
      for (int i = 0; i < names.length; i++) m.put(names[i], r.get(i));
      out.add(m);
    }
    return out;
  }

  private static final class Figures {
    final List<String> failures = new ArrayList<>();
    final Function<String, List<Map<String, Object>>> table;
    final Map<String, List<Map<String, Object>>> cache = new HashMap<>();

    Figures(Function<String, List<Map<String, Object>>> table) {
      this.table = table;
    }

    List<Map<String, Object>> rows(String name) {
      return cache.computeIfAbsent(name, table);
    }

    void check(boolean ok, String figure, Object found) {
      if (!ok) failures.add(figure + " — found " + found);
    }

    // ------------------------------------------------------------ 3.1 growth

    void growth() {
      Map<Integer, Long> cumulative = new TreeMap<>();
      Map<Integer, Double> multiple = new TreeMap<>();
      for (Map<String, Object> r : rows("subjects_by_year")) {
        int year = (int) lng(r, "year");
        cumulative.put(year, lng(r, "cumulative_subjects"));
        multiple.put(year, dbl(r, "multiple_of_first_year"));
      }
      String where = "subjects_by_year.cumulative_subjects " + cumulative;
      check(cumulative.getOrDefault(2012, -1L) == 28, "2012: 28 subjects", where);
      check(cumulative.getOrDefault(2013, -1L) == 43, "2013: 43 subjects", where);
      check(cumulative.getOrDefault(2014, -1L) == 261, "2014: 261 subjects", where);
      check(cumulative.getOrDefault(2018, -1L) == 365, "2018: 365 subjects", where);
      long previous = 261;
      for (int y = 2015; y <= 2018; y++) {
        long c = cumulative.getOrDefault(y, -1L);
        check(c > previous, "2014-2018 steady growth: " + y + " above " + (y - 1), where);
        previous = c;
      }
      Double times = multiple.get(2018);
      check(times != null && round(times, 0) == 13, "2012→2018 '13 times' (multiple_of_first_year 2018)", times);
      check(cumulative.containsKey(2013) && cumulative.containsKey(2014)
          && (double) cumulative.get(2014) / cumulative.get(2013) > 6, "2013→2014 'over 6 times'", where);
    }

    // ------------------------------------------------------------ 3.1 districts, carriers

    void districts() {
      List<Map<String, Object>> rows = rows("subjects_by_district");
      Map<String, Map<String, Object>> byCode = index(rows, "district_code");
      long total = rows.stream().mapToLong(r -> lng(r, "subjects")).sum();
      check(total == 365, "365 subjects in subjects_by_district", total);
      shareConsistency(rows, "subjects", "share_pct", total, "subjects_by_district");
      long present = rows.stream().filter(r -> lng(r, "subjects") > 0).count();
      check(present == 15, "present in 15 of the 16 districts", present + " districts with subjects");
      Map<String, Object> pinggu = byCode.get("110117");
      check(pinggu == null || lng(pinggu, "subjects") == 0, "none in Pinggu (110117)", pinggu);
      Map<String, Object> haidian = byCode.get("110108");
      Map<String, Object> chaoyang = byCode.get("110105");
      if (haidian == null || chaoyang == null) {
        failures.add("Haidian and Chaoyang rows in subjects_by_district — found " + byCode.keySet());
        return;
      }
      check(lng(haidian, "rank") == 1 && round(dbl(haidian, "share_pct"), 0) == 45, "Haidian 45% (first)", haidian);
      // the study prints 14.3%; 52 of 365 is 14.25 — accept the study's rounding up by 0.1
      check(lng(chaoyang, "rank") == 2 && Math.abs(dbl(chaoyang, "share_pct") - 14.3) <= 0.1, "Chaoyang 14.3% (second)", chaoyang);
      check(lng(haidian, "subjects") > 3 * lng(chaoyang, "subjects"), "Haidian > 3 × Chaoyang", haidian + " vs " + chaoyang);
      for (Map<String, Object> r : rows) {
        String code = str(r, "district_code");
        if (!code.equals("110108") && !code.equals("110105")) {
          check(dbl(r, "share_pct") < 10, "every other district below 10%", r);
        }
      }
      for (String code : List.of("110115", "110114", "110106")) {
        Map<String, Object> r = byCode.get(code);
        check(r != null && lng(r, "subjects") > 20, "Daxing, Changping and Fengtai each more than 20 subjects (" + code + ")", r);
      }
      long dongXi = subjectsOf(byCode, "110101") + subjectsOf(byCode, "110102");
      check(dongXi >= 27 && dongXi <= 33, "Dongcheng + Xicheng about 30 subjects", dongXi);
      long dongXiHealth = rows("subjects_by_district_field").stream()
          .filter(r -> Set.of("110101", "110102").contains(str(r, "district_code")) && str(r, "field_code").equals("HEALTH"))
          .mapToLong(r -> lng(r, "subjects")).sum();
      check(dongXi > 0 && dongXiHealth >= 0.4 * dongXi && dongXiHealth <= 0.6 * dongXi,
          "about half of Dongcheng + Xicheng in medicine and health", dongXiHealth + " of " + dongXi);
      for (Map<String, Object> r : rows("subjects_by_district_field")) {
        Map<String, Object> district = byCode.get(str(r, "district_code"));
        if (district == null) {
          failures.add("subjects_by_district_field names a district missing from subjects_by_district — found " + r);
        } else {
          double expected = 100.0 * lng(r, "subjects") / lng(district, "subjects");
          check(Math.abs(dbl(r, "share_of_district_pct") - expected) < 1e-6, "share_of_district_pct = subjects / district", r);
        }
      }
    }

    private static long subjectsOf(Map<String, Map<String, Object>> byCode, String code) {
      Map<String, Object> r = byCode.get(code);
      return r == null ? 0 : lng(r, "subjects");
    }

    void carrierTypes() {
      expectRoundedShares("subjects_by_carrier_type", "carrier_type", "subjects", 0, true, linked(
          "ENTERPRISE", 40, "UNIVERSITY", 32, "RESEARCH_INSTITUTE", 18, "INTERMEDIARY", 7, "SCIENCE_PARK", 3));
    }

    // ------------------------------------------------------------ 3.2 fields

    void fields() {
      List<Map<String, Object>> rows = rows("subjects_by_field");
      Map<String, Map<String, Object>> byCode = index(rows, "field_code");
      long total = rows.stream().mapToLong(r -> lng(r, "subjects")).sum();
      check(total == 365, "365 subjects in subjects_by_field", total);
      shareConsistency(rows, "subjects", "share_pct", total, "subjects_by_field");
      Map<String, Object> health = byCode.get("HEALTH");
      Map<String, Object> env = byCode.get("ENV");
      check(health != null && lng(health, "rank") == 1 && round(dbl(health, "share_pct"), 0) == 31,
          "medicine and health 31% (first)", health);
      check(env != null && lng(env, "rank") == 2 && round(dbl(env, "share_pct"), 0) == 20,
          "energy saving and environmental protection 20% (second)", env);
      List<String> expectedOrder = List.of("HEALTH", "ENV", "EQUIP", "STSERV", "NGIT", "MATERIAL");
      List<String> top6 = rows.stream().filter(r -> lng(r, "rank") <= 6)
          .sorted((a, b) -> Long.compare(lng(a, "rank"), lng(b, "rank"))).map(r -> str(r, "field_code")).toList();
      Set<Long> top6Ranks = rows.stream().filter(r -> lng(r, "rank") <= 6).map(r -> lng(r, "rank")).collect(Collectors.toSet());
      check(top6.equals(expectedOrder) && top6Ranks.size() == 6,
          "fields in this order: health, energy/environment, intelligent equipment, S&T services, new-generation IT, new materials",
          rows.stream().map(r -> str(r, "field_code") + "#" + lng(r, "rank")).sorted().toList());
    }

    // ------------------------------------------------------------ 3.3 modes and partner nature

    void modes() {
      List<Map<String, Object>> rows = rows("subjects_by_mode_class");
      Map<String, Map<String, Object>> byClass = index(rows, "mode_class");
      long total = rows.stream().mapToLong(r -> lng(r, "subjects")).sum();
      check(total == 365, "365 subjects in subjects_by_mode_class", total);
      shareConsistency(rows, "subjects", "share_pct", total, "subjects_by_mode_class");
      expectRounded(byClass, "MULTIPLE", 0, 58, "two or more modes 58%");
      check(shareOf(byClass, "RD") > 10, "R&D > 10%", byClass.get("RD"));
      check(shareOf(byClass, "TRANSFER") > 10, "achievement transfer > 10%", byClass.get("TRANSFER"));
      expectRounded(byClass, "MARKET", 0, 7, "market 7%");
      expectRounded(byClass, "TALENT", 0, 5, "talent 5%");
      expectRounded(byClass, "STANDARD", 0, 1, "standards 1%");
    }

    void partnerNature() {
      List<Map<String, Object>> rows = rows("subjects_by_partner_nature");
      long total = rows.stream().mapToLong(r -> lng(r, "subjects")).sum();
      check(total == 322, "322 subjects with known partners (Table 1)", total);
      shareConsistency(rows, "subjects", "share_pct", total, "subjects_by_partner_nature");
      Map<String, Map<String, Object>> byClass = index(rows, "nature_class");
      Map<String, Double> table1 = new LinkedHashMap<>();
      table1.put("MULTIPLE", 66.5);
      table1.put("ENTERPRISE", 16.1);
      table1.put("UNIVERSITY", 12.4);
      table1.put("RESEARCH", 1.9);
      table1.put("GOVERNMENT", 0.9);
      table1.put("INTL_ORG", 0.3);
      table1.put("INDUSTRY_ORG", 1.9);
      table1.forEach((k, v) -> {
        Map<String, Object> r = byClass.get(k);
        check(r != null && round(dbl(r, "share_pct"), 1) == v, "Table 1: " + k + " " + v + "%", r);
      });
      check(byClass.keySet().equals(table1.keySet()), "Table 1 has exactly its seven classes", byClass.keySet());
    }

    // ------------------------------------------------------------ 3.4 continents and countries

    void continents() {
      List<Map<String, Object>> rows = rows("cooperations_by_continent");
      Map<String, Map<String, Object>> byCode = index(rows, "continent");
      long total = rows.stream().mapToLong(r -> lng(r, "cooperations")).sum();
      shareConsistency(rows, "cooperations", "share_pct", total, "cooperations_by_continent");
      check(byCode.keySet().equals(Set.of("EUROPE", "NORTH_AMERICA", "ASIA", "OCEANIA", "AFRICA", "SOUTH_AMERICA")),
          "six continents", byCode.keySet());
      expectRankAndRounded(byCode, "EUROPE", 1, 43, "Europe ≈ 43% (first)");
      expectRankAndRounded(byCode, "NORTH_AMERICA", 2, 26, "North America ≈ 26%");
      expectRankAndRounded(byCode, "ASIA", 3, 24, "Asia ≈ 24%");
      for (String c : List.of("OCEANIA", "AFRICA", "SOUTH_AMERICA")) {
        check(byCode.containsKey(c) && dbl(byCode.get(c), "share_pct") < 5, c + " below 5%", byCode.get(c));
      }
      long countries = rows("cooperations_by_country").stream().mapToLong(r -> lng(r, "cooperations")).sum();
      check(countries == total, "cooperations_by_country adds up to cooperations_by_continent", countries + " vs " + total);
    }

    void countries() {
      List<Map<String, Object>> rows = rows("cooperations_by_country");
      Map<String, Map<String, Object>> byCode = index(rows, "country_code");
      long total = rows.stream().mapToLong(r -> lng(r, "cooperations")).sum();
      shareConsistency(rows, "cooperations", "share_pct", total, "cooperations_by_country");
      check(rows.size() >= 85 && rows.size() <= 93, "about 89 countries", rows.size());
      for (String hmt : List.of("HK", "MO", "TW", "CN")) {
        check(!byCode.containsKey(hmt), hmt + " is not a foreign country", byCode.get(hmt));
      }
      Map<String, Long> continentTotals = new HashMap<>();
      for (Map<String, Object> r : rows("cooperations_by_continent")) continentTotals.put(str(r, "continent"), lng(r, "cooperations"));
      for (Map<String, Object> r : rows) {
        double expected = 100.0 * lng(r, "cooperations") / continentTotals.getOrDefault(str(r, "continent"), -1L);
        check(Math.abs(dbl(r, "share_of_continent_pct") - expected) < 1e-6, "share_of_continent_pct = cooperations / continent", r);
      }
      Map<String, Object> us = byCode.get("US");
      Map<String, Object> ca = byCode.get("CA");
      if (us == null || ca == null) {
        failures.add("United States and Canada in cooperations_by_country — found " + byCode.keySet());
        return;
      }
      check(lng(us, "rank") == 1 && round(dbl(us, "share_pct"), 0) == 20, "United States ≈ 20% of all (first country)", us);
      check(round(dbl(us, "share_of_continent_pct"), 0) == 79, "United States ≈ 79% of North America", us);
      check(round(dbl(ca, "share_of_continent_pct"), 0) == 17, "Canada ≈ 17% of North America", ca);
      double restOfNorthAmerica = rows.stream()
          .filter(r -> str(r, "continent").equals("NORTH_AMERICA") && !Set.of("US", "CA").contains(str(r, "country_code")))
          .mapToDouble(r -> dbl(r, "share_of_continent_pct")).sum();
      check(restOfNorthAmerica < 5, "the rest of North America below 5%", restOfNorthAmerica);

      long de = lng(byCode.getOrDefault("DE", Map.of("cooperations", 0L)), "cooperations");
      long gb = lng(byCode.getOrDefault("GB", Map.of("cooperations", 0L)), "cooperations");
      long europe = continentTotals.getOrDefault("EUROPE", 0L);
      check(europe > 0 && round(100.0 * (de + gb) / europe, 0) == 38, "Germany + United Kingdom = 38% of Europe",
          (de + gb) + " of " + europe);
      List<String> europeTop5 = List.of("DE", "GB", "FR", "RU", "IT");
      for (int i = 0; i < europeTop5.size(); i++) {
        Map<String, Object> r = byCode.get(europeTop5.get(i));
        check(r != null && lng(r, "rank_in_continent") == i + 1 && uniqueRankInContinent(rows, r),
            "Europe: Germany, United Kingdom, France, Russia, Italy — " + europeTop5.get(i) + " " + (i + 1), r);
      }

      List<Map<String, Object>> top20 = rows.stream().filter(r -> lng(r, "rank") <= 20).toList();
      check(top20.size() == 20, "a top 20 of countries/regions (no tie across rank 20)", top20.size());
      Map<String, Integer> expectedRanks = linked("US", 1, "DE", 2, "GB", 3, "JP", 4, "KR", 6);
      expectedRanks.forEach((code, rank) -> {
        Map<String, Object> r = byCode.get(code);
        check(r != null && lng(r, "rank") == rank && uniqueRank(rows, r), code + " is " + rank + " in the top 20", r);
      });
      Set<String> europeanTop20 = top20.stream().filter(r -> str(r, "continent").equals("EUROPE"))
          .map(r -> str(r, "country_code")).collect(Collectors.toCollection(TreeSet::new));
      check(europeanTop20.equals(new TreeSet<>(Set.of("DE", "GB", "FR", "RU", "IT", "NL", "SE", "EU", "FI", "CH"))),
          "the European ones in the top 20: DE, GB, FR, RU, IT, NL, SE, EU, FI, CH", europeanTop20);
      for (String code : List.of("IL", "SG", "PK")) {
        Map<String, Object> r = byCode.get(code);
        check(r != null && lng(r, "rank") <= 20 && lng(r, "cooperations") < 30, code + " in the top 20 with fewer than 30", r);
      }
      List<String> oceaniaAfrica = top20.stream().filter(r -> Set.of("OCEANIA", "AFRICA").contains(str(r, "continent")))
          .map(r -> str(r, "country_code")).toList();
      check(oceaniaAfrica.isEmpty(), "no Oceanian or African country in the top 20", oceaniaAfrica);
    }

    // ------------------------------------------------------------ fields by continent, Germany/UK, US

    void continentFields() {
      Map<String, List<Map<String, Object>>> byContinent = group(rows("cooperations_by_continent_field"), "continent");
      for (String c : List.of("NORTH_AMERICA", "ASIA", "OCEANIA")) {
        check(onlyFirst(byContinent.get(c), "rank_in_continent", "field_code").equals(List.of("HEALTH")),
            c + " mostly medicine and health", fieldsByRank(byContinent.get(c)));
      }
      List<Map<String, Object>> europe = byContinent.getOrDefault("EUROPE", List.of());
      List<String> europeOrder = europe.stream().filter(r -> lng(r, "rank_in_continent") <= 3)
          .sorted((a, b) -> Long.compare(lng(a, "rank_in_continent"), lng(b, "rank_in_continent")))
          .map(r -> str(r, "field_code")).toList();
      Set<Long> europeRanks = europe.stream().filter(r -> lng(r, "rank_in_continent") <= 3)
          .map(r -> lng(r, "rank_in_continent")).collect(Collectors.toSet());
      check(europeOrder.equals(List.of("ENV", "HEALTH", "EQUIP")) && europeRanks.size() == 3,
          "Europe mostly energy/environment, then health, then intelligent equipment", fieldsByRank(europe));
      List<Map<String, Object>> africa = byContinent.getOrDefault("AFRICA", List.of());
      check(onlyFirst(africa, "rank_in_continent", "field_code").equals(List.of("STSERV"))
          && round(dbl(index(africa, "field_code").getOrDefault("STSERV", Map.of("share_of_continent_pct", -1.0)),
              "share_of_continent_pct"), 0) == 32, "Africa mostly S&T services (32%)", fieldsByRank(africa));
      List<Map<String, Object>> southAmerica = byContinent.getOrDefault("SOUTH_AMERICA", List.of());
      List<String> saFirst = new ArrayList<>(onlyFirst(southAmerica, "rank_in_continent", "field_code"));
      saFirst.sort(null);
      boolean saShares = southAmerica.stream().filter(r -> Set.of("ENV", "NGIT").contains(str(r, "field_code")))
          .allMatch(r -> round(dbl(r, "share_of_continent_pct"), 0) == 27);
      check(saFirst.equals(List.of("ENV", "NGIT")) && saShares,
          "South America energy/environment and new-generation IT (27% each)", fieldsByRank(southAmerica));
      for (List<Map<String, Object>> continent : byContinent.values()) {
        long total = continent.stream().mapToLong(r -> lng(r, "cooperations")).sum();
        shareConsistency(continent, "cooperations", "share_of_continent_pct", total, "cooperations_by_continent_field");
      }
    }

    void germanyAndUk() {
      Map<String, List<Map<String, Object>>> byCountry = group(rows("cooperations_by_country_field"), "country_code");
      for (String code : List.of("DE", "GB")) {
        Map<String, Long> fields = new HashMap<>();
        for (Map<String, Object> r : byCountry.getOrDefault(code, List.of())) fields.put(str(r, "field_code"), lng(r, "cooperations"));
        long env = fields.getOrDefault("ENV", 0L);
        boolean envLargest = fields.entrySet().stream().allMatch(e -> e.getKey().equals("ENV") || e.getValue() < env);
        check(envLargest, code + ": energy/environment is the largest field", fields);
        Map<String, Integer> ranks = rank(fields);
        for (String f : List.of("EQUIP", "HEALTH", "MATERIAL", "STSERV")) {
          check(ranks.getOrDefault(f, 99) <= 5 && fields.getOrDefault(f, 0L) > 10,
              code + ": " + f + " in its top 5 with more than 10 cooperations", fields);
        }
        Set<String> missing = new TreeSet<>(HIGH_TECH_FIELDS);
        missing.removeIf(f -> fields.getOrDefault(f, 0L) > 0);
        check(missing.isEmpty(), code + " cooperates in all ten high-tech fields", "missing " + missing);
      }
    }

    void unitedStatesByField() {
      Map<String, List<Map<String, Object>>> byField = group(rows("cooperations_by_country_field"), "field_code");
      for (Map.Entry<String, List<Map<String, Object>>> e : byField.entrySet()) {
        List<Map<String, Object>> countries = e.getValue();
        Map<String, Object> us = index(countries, "country_code").get("US");
        List<String> first = onlyFirst(countries, "rank_in_field", "country_code");
        if (e.getKey().equals("NEV")) {
          long top = countries.stream().mapToLong(r -> lng(r, "cooperations")).max().orElse(0);
          check(us != null && lng(us, "rank_in_field") == 2 && top - lng(us, "cooperations") == 1,
              "United States second by one cooperation in new-energy vehicles", us + ", first " + first);
        } else {
          check(first.equals(List.of("US")), "United States first in " + e.getKey(), "first " + first + ", US " + us);
        }
      }
      check(byField.keySet().containsAll(HIGH_TECH_FIELDS), "cooperations in every high-tech field", byField.keySet());
    }

    // ------------------------------------------------------------ modes by continent

    void continentModes() {
      Map<String, List<Map<String, Object>>> byContinent = group(rows("cooperations_by_continent_mode"), "continent");
      check(byContinent.size() == 6, "modes for six continents", byContinent.keySet());
      for (Map.Entry<String, List<Map<String, Object>>> e : byContinent.entrySet()) {
        Map<String, Long> m = new HashMap<>();
        for (Map<String, Object> r : e.getValue()) m.put(str(r, "mode_class"), lng(r, "cooperations"));
        long multiple = m.getOrDefault("MULTIPLE", 0L);
        check(m.entrySet().stream().allMatch(x -> x.getKey().equals("MULTIPLE") || x.getValue() < multiple),
            e.getKey() + ": multiple modes the largest class", m);
        String c = e.getKey();
        if (Set.of("EUROPE", "NORTH_AMERICA", "OCEANIA").contains(c)) {
          long rd = m.getOrDefault("RD", 0L);
          long transfer = m.getOrDefault("TRANSFER", 0L);
          long market = m.getOrDefault("MARKET", 0L);
          long talent = m.getOrDefault("TALENT", 0L);
          check(rd > transfer && transfer > market && market > talent, c + ": R&D > transfer > market > talent", m);
        } else if (c.equals("ASIA")) {
          check(largestSingle(m).equals("TRANSFER"), "Asia: achievement transfer the largest after multiple", m);
        } else {
          check(largestSingle(m).equals("MARKET"), c + ": market cooperation the largest after multiple", m);
        }
        long total = m.values().stream().mapToLong(Long::longValue).sum();
        shareConsistency(e.getValue(), "cooperations", "share_of_continent_pct", total, "cooperations_by_continent_mode");
      }
    }

    /** The unique largest non-MULTIPLE class, or "" when tied. */
    private static String largestSingle(Map<String, Long> m) {
      long best = m.entrySet().stream().filter(e -> !e.getKey().equals("MULTIPLE")).mapToLong(Map.Entry::getValue).max().orElse(-1);
      List<String> top = m.entrySet().stream().filter(e -> !e.getKey().equals("MULTIPLE") && e.getValue() == best)
          .map(Map.Entry::getKey).toList();
      return top.size() == 1 ? top.get(0) : "";
    }

    // ------------------------------------------------------------ helpers

    void expectRoundedShares(String tableName, String key, String measure, int decimals, boolean ranked,
                             Map<String, Integer> expected) {
      List<Map<String, Object>> rows = rows(tableName);
      long total = rows.stream().mapToLong(r -> lng(r, measure)).sum();
      shareConsistency(rows, measure, "share_pct", total, tableName);
      Map<String, Map<String, Object>> byKey = index(rows, key);
      int rank = 1;
      for (Map.Entry<String, Integer> e : expected.entrySet()) {
        Map<String, Object> r = byKey.get(e.getKey());
        check(r != null && round(dbl(r, "share_pct"), decimals) == e.getValue() && (!ranked || lng(r, "rank") == rank),
            tableName + ": " + e.getKey() + " " + e.getValue() + "%" + (ranked ? " (rank " + rank + ")" : ""), r);
        rank++;
      }
    }

    void expectRounded(Map<String, Map<String, Object>> byKey, String key, int decimals, double expected, String figure) {
      Map<String, Object> r = byKey.get(key);
      check(r != null && round(dbl(r, "share_pct"), decimals) == expected, figure, r);
    }

    void expectRankAndRounded(Map<String, Map<String, Object>> byKey, String key, int rank, double expected, String figure) {
      Map<String, Object> r = byKey.get(key);
      check(r != null && lng(r, "rank") == rank && round(dbl(r, "share_pct"), 0) == expected, figure, r);
    }

    /** share column = 100 × measure / total (full precision, any rounding is for display only). */
    void shareConsistency(List<Map<String, Object>> rows, String measure, String share, long total, String tableName) {
      for (Map<String, Object> r : rows) {
        double expected = 100.0 * lng(r, measure) / total;
        if (Math.abs(dbl(r, share) - expected) > 1e-6) {
          failures.add(tableName + "." + share + " is 100 × " + measure + " / " + total + " — found " + r);
          return;
        }
      }
    }

    private static double shareOf(Map<String, Map<String, Object>> byKey, String key) {
      Map<String, Object> r = byKey.get(key);
      return r == null ? -1 : dbl(r, "share_pct");
    }

    private static boolean uniqueRank(List<Map<String, Object>> rows, Map<String, Object> r) {
      return rows.stream().filter(x -> lng(x, "rank") == lng(r, "rank")).count() == 1;
    }

    private static boolean uniqueRankInContinent(List<Map<String, Object>> rows, Map<String, Object> r) {
      return rows.stream().filter(x -> str(x, "continent").equals(str(r, "continent"))
          && lng(x, "rank_in_continent") == lng(r, "rank_in_continent")).count() == 1;
    }

    private static List<String> onlyFirst(List<Map<String, Object>> rows, String rankColumn, String key) {
      if (rows == null) return List.of();
      return rows.stream().filter(r -> lng(r, rankColumn) == 1).map(r -> str(r, key)).sorted().toList();
    }

    private static List<String> fieldsByRank(List<Map<String, Object>> rows) {
      if (rows == null) return List.of();
      return rows.stream().sorted((a, b) -> Long.compare(lng(a, "rank_in_continent"), lng(b, "rank_in_continent")))
          .map(r -> str(r, "field_code") + "=" + lng(r, "cooperations")).toList();
    }
  }

  // ---------------------------------------------------------------- value access

  private static Map<String, Map<String, Object>> index(List<Map<String, Object>> rows, String key) {
    Map<String, Map<String, Object>> m = new HashMap<>();
    for (Map<String, Object> r : rows) m.put(str(r, key), r);
    return m;
  }

  private static Map<String, List<Map<String, Object>>> group(List<Map<String, Object>> rows, String key) {
    Map<String, List<Map<String, Object>>> m = new TreeMap<>();
    for (Map<String, Object> r : rows) m.computeIfAbsent(str(r, key), k -> new ArrayList<>()).add(r);
    return m;
  }

  /** SQL RANK() by count descending. */
  private static Map<String, Integer> rank(Map<String, Long> counts) {
    Map<String, Integer> ranks = new HashMap<>();
    counts.forEach((k, v) -> ranks.put(k, 1 + (int) counts.values().stream().filter(o -> o > v).count()));
    return ranks;
  }

  private static String str(Map<String, Object> r, String column) {
    Object v = value(r, column);
    return v == null ? "" : v.toString();
  }

  private static long lng(Map<String, Object> r, String column) {
    Object v = value(r, column);
    return v == null ? Long.MIN_VALUE : ((Number) v).longValue();
  }

  private static double dbl(Map<String, Object> r, String column) {
    Object v = value(r, column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  private static Object value(Map<String, Object> r, String column) {
    if (!r.containsKey(column)) throw new AssertionError("gold table has no column '" + column + "' (has " + r.keySet() + ")");
    return r.get(column);
  }

  private static double round(double v, int decimals) {
    if (Double.isNaN(v)) return Double.NaN;
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  private static Map<String, Integer> linked(Object... kv) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Integer) kv[i + 1]);
    return m;
  }
}
