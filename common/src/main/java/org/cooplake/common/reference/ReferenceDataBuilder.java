package org.cooplake.common.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.errors.Errors;

/**
 * Builds the project's reference tables in {@code data/reference} from the public sources in
 * {@code ../shared/data/reference} plus the hand-written files in {@code data/reference/curated}.
 * Plain Java, no Spark; the output is sorted, so a rebuild from the same inputs is byte-identical.
 *
 * <p>Usage: {@code ReferenceDataBuilder <shared>/data/reference data/reference}.
 */
public final class ReferenceDataBuilder {
  static final List<String> DISTRICT_HEADER = List.of("district_code", "name_zh", "short_name_zh", "pinyin", "name_en");
  static final List<String> COUNTRY_HEADER =
      List.of("country_code", "iso3", "name_en", "name_zh", "continent", "is_hmt", "is_region");
  static final List<String> ALIAS_HEADER = List.of("alias", "code");

  private static final String BEIJING_CITY_CODE = "1101";
  private static final Map<String, String> CONTINENTS = Map.of(
      "AF", "AFRICA", "AS", "ASIA", "EU", "EUROPE", "NA", "NORTH_AMERICA", "OC", "OCEANIA", "SA", "SOUTH_AMERICA");

  private ReferenceDataBuilder() {}

  public static void main(String[] args) {
    try {
      if (args.length != 2) {
        throw Errors.usage("ReferenceDataBuilder needs 2 arguments, got " + args.length + ".",
            "Run it as: ReferenceDataBuilder <shared>/data/reference data/reference");
      }
      build(Path.of(args[0]), Path.of(args[1]));
      System.out.println("Reference data written to " + Path.of(args[1]).toAbsolutePath());
    } catch (CooplakeException e) {
      System.err.println(e.userMessage());
      System.exit(1);
    }
  }

  /** Rebuilds {@code outDir} in place; the hand-written inputs are read from {@code outDir/curated}. */
  public static void build(Path sharedReferenceDir, Path outDir) {
    build(sharedReferenceDir, outDir.resolve("curated"), outDir);
  }

  /** Reads the public sources and the hand-written {@code curatedDir}, writes the tables to {@code outDir}. */
  public static void build(Path sharedReferenceDir, Path curatedDir, Path outDir) {
    Map<Dimension, AliasSet> aliases = new EnumMap<>(Dimension.class);
    Map<Dimension, Set<String>> codes = new EnumMap<>(Dimension.class);
    for (Dimension d : Dimension.values()) aliases.put(d, new AliasSet(d.aliasesFile()));

    List<List<String>> districts = districts(sharedReferenceDir, aliases.get(Dimension.DISTRICT));
    write(outDir.resolve(Dimension.DISTRICT.membersFile()), DISTRICT_HEADER, districts);
    codes.put(Dimension.DISTRICT, codesOf(districts));

    List<List<String>> countries = countries(sharedReferenceDir, curatedDir, aliases.get(Dimension.COUNTRY));
    write(outDir.resolve(Dimension.COUNTRY.membersFile()), COUNTRY_HEADER, countries);
    codes.put(Dimension.COUNTRY, codesOf(countries));

    for (Dimension d : Dimension.values()) {
      if (d.membersCurated()) codes.put(d, copyMembers(d, curatedDir, outDir, aliases.get(d)));
    }
    for (Dimension d : Dimension.values()) {
      addCuratedAliases(d, curatedDir, codes.get(d), aliases.get(d));
      write(outDir.resolve(d.aliasesFile()), ALIAS_HEADER, aliases.get(d).sortedRows());
    }
  }

  /** Copies a hand-written member table (code, name_zh, name_en), sorted; its code and names become aliases. */
  private static Set<String> copyMembers(Dimension d, Path curatedDir, Path outDir, AliasSet aliases) {
    String where = "curated/" + d.membersFile();
    Csv.Table members = read(curatedDir.resolve(d.membersFile()));
    List<String> header = members.header();
    if (header.size() != 3 || !header.subList(1, 3).equals(List.of("name_zh", "name_en"))) {
      throw Errors.referenceDataInvalid(where, "header must be <code>,name_zh,name_en, is " + header);
    }
    List<List<String>> rows = new ArrayList<>(members.records());
    requireWellFormed(where, rows, 3);
    rows.sort(Comparator.comparing(r -> r.get(0)));
    for (List<String> r : rows) {
      for (String spelling : r) aliases.add(spelling, r.get(0));
    }
    write(outDir.resolve(d.membersFile()), header, rows);
    return codesOf(rows);
  }

  private static void addCuratedAliases(Dimension d, Path curatedDir, Set<String> codes, AliasSet aliases) {
    String where = "curated/" + d.curatedAliasesFile();
    for (List<String> r : read(curatedDir.resolve(d.curatedAliasesFile())).records()) {
      if (r.size() != 2) throw Errors.referenceDataInvalid(where, "line " + r + " must be alias,code");
      if (!codes.contains(r.get(1))) throw Errors.referenceDataInvalid(where, "alias '" + r.get(0) + "' names unknown code '" + r.get(1) + "'");
      aliases.add(r.get(0), r.get(1));
    }
  }

  // ---------------------------------------------------------------- districts

  private static List<List<String>> districts(Path shared, AliasSet aliases) {
    Map<String, Map<String, String>> pinyinById = new HashMap<>();
    for (Map<String, String> r : read(shared.resolve("china-areacity-pinyin/ok_data_level3.csv")).rows()) {
      pinyinById.put(r.get("id"), r);
    }
    List<List<String>> out = new ArrayList<>();
    for (Map<String, String> area : read(shared.resolve("china-admin-divisions/areas.csv")).rows()) {
      if (!area.get("cityCode").equals(BEIJING_CITY_CODE)) continue;
      String code = area.get("code");
      String nameZh = area.get("name");
      Map<String, String> py = pinyinById.get(code);
      if (py == null) throw Errors.referenceDataInvalid("ok_data_level3.csv", "no pinyin for district " + code + " " + nameZh);
      String spacedPinyin = py.get("pinyin"); // "hai dian"
      String pinyin = capitalise(spacedPinyin.replace(" ", "")); // "Haidian"
      String nameEn = pinyin + " District";
      out.add(List.of(code, nameZh, py.get("name"), pinyin, nameEn));
      for (String a : List.of(code, nameZh, py.get("name"), pinyin, nameEn, titleCase(spacedPinyin), "北京市" + nameZh)) {
        aliases.add(a, code);
      }
    }
    if (out.size() != 16) {
      throw Errors.referenceDataInvalid("areas.csv", "expected Beijing's 16 districts under city " + BEIJING_CITY_CODE + ", found " + out.size());
    }
    out.sort(Comparator.comparing(r -> r.get(0)));
    return out;
  }

  // ---------------------------------------------------------------- countries

  private static List<List<String>> countries(Path shared, Path curated, AliasSet aliases) {
    Map<String, String> unsdEn = unsdNames(shared.resolve("country-codes/UNSD-en.csv"));
    Map<String, String> unsdZh = unsdNames(shared.resolve("country-codes/UNSD-cn.csv"));
    Map<String, Map<String, String>> overrides = new TreeMap<>();
    for (Map<String, String> r : read(curated.resolve("country_overrides.csv")).rows()) {
      if (overrides.put(r.get("country_code"), r) != null) {
        throw Errors.referenceDataInvalid("curated/country_overrides.csv", "code " + r.get("country_code") + " appears twice");
      }
    }

    Map<String, List<String>> byCode = new TreeMap<>();
    for (Map<String, String> src : read(shared.resolve("country-codes/country-codes.csv")).rows()) {
      String code = src.get("ISO3166-1-Alpha-2");
      Map<String, String> o = overrides.getOrDefault(code, Map.of());
      String continent = CONTINENTS.get(src.get("Continent"));
      String row = "country-codes.csv row " + code;
      List<String> country = List.of(
          code,
          src.get("ISO3166-1-Alpha-3"),
          orElse(o.get("name_en"), src.get("official_name_en")),
          orElse(o.get("name_zh"), src.get("official_name_cn")),
          require(orElse(o.get("continent"), continent), row, "continent " + src.get("Continent") + " needs an override"),
          orElse(o.get("is_hmt"), "false"),
          orElse(o.get("is_region"), "false"));
      byCode.put(code, country);
      // the chosen names first, then every other source spelling
      for (String a : List.of(country.get(2), country.get(3), code, country.get(1),
          src.get("official_name_en"), src.get("official_name_cn"), src.get("CLDR display name"),
          cleanUnterm(src.get("UNTERM English Short")), cleanUnterm(src.get("UNTERM English Formal")),
          cleanUnterm(src.get("UNTERM Chinese Short")), cleanUnterm(src.get("UNTERM Chinese Formal")),
          unsdEn.getOrDefault(code, ""), unsdZh.getOrDefault(code, ""))) {
        aliases.add(a, code);
      }
    }
    // rows of the overrides file whose code is not in ISO 3166-1 add a member (the EU)
    for (Map<String, String> o : overrides.values()) {
      String code = o.get("country_code");
      if (byCode.containsKey(code)) continue;
      String where = "curated/country_overrides.csv row " + code;
      List<String> country = List.of(code, o.get("iso3"),
          require(o.get("name_en"), where, "name_en is required for an added member"),
          require(o.get("name_zh"), where, "name_zh is required for an added member"),
          require(o.get("continent"), where, "continent is required for an added member"),
          orElse(o.get("is_hmt"), "false"), orElse(o.get("is_region"), "false"));
      byCode.put(code, country);
      for (String a : List.of(country.get(2), country.get(3), code, country.get(1))) aliases.add(a, code);
    }
    for (List<String> c : byCode.values()) {
      if (!CONTINENTS.containsValue(c.get(4))) throw Errors.referenceDataInvalid("countries.csv", c.get(0) + " has unknown continent " + c.get(4));
      for (int i = 5; i <= 6; i++) {
        if (!Set.of("true", "false").contains(c.get(i))) {
          throw Errors.referenceDataInvalid("curated/country_overrides.csv", c.get(0) + ": " + COUNTRY_HEADER.get(i) + " must be true or false");
        }
      }
    }
    return new ArrayList<>(byCode.values());
  }

  private static Map<String, String> unsdNames(Path file) {
    Map<String, String> names = new HashMap<>();
    for (Map<String, String> r : read(file).rows()) names.put(r.get("ISO-alpha2 Code"), r.get("Country or Area"));
    return names;
  }

  /** UNTERM names carry footnote stars and articles: "Bahamas (the)", "the Republic of Chad", "Niue **". */
  static String cleanUnterm(String name) {
    String s = name.replaceAll("\\s*\\*+$", "").replaceAll(" \\(the\\)$", "").trim();
    return s.startsWith("the ") ? s.substring(4) : s;
  }

  // ---------------------------------------------------------------- aliases

  /** The spellings of one dimension: normalised spelling → (first spelling seen, code). */
  static final class AliasSet {
    private final String file;
    private final Map<String, List<String>> byKey = new HashMap<>();

    AliasSet(String file) {
      this.file = file;
    }

    void add(String alias, String code) {
      String spelling = alias == null ? "" : alias.strip();
      if (spelling.isEmpty()) return;
      String key = AliasKey.of(spelling);
      List<String> seen = byKey.putIfAbsent(key, List.of(spelling, code));
      if (seen != null && !seen.get(1).equals(code)) {
        throw Errors.referenceDataInvalid(file,
            "'" + spelling + "' (" + code + ") and '" + seen.get(0) + "' (" + seen.get(1) + ") normalise to the same '" + key + "'");
      }
    }

    List<List<String>> sortedRows() {
      List<Map.Entry<String, List<String>>> entries = new ArrayList<>(byKey.entrySet());
      entries.sort(Comparator.<Map.Entry<String, List<String>>, String>comparing(e -> e.getValue().get(1))
          .thenComparing(Map.Entry::getKey));
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : entries) rows.add(e.getValue());
      return rows;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void requireWellFormed(String file, List<List<String>> rows, int columns) {
    Set<String> seen = new HashSet<>();
    for (List<String> r : rows) {
      if (r.size() != columns) throw Errors.referenceDataInvalid(file, "line " + r + " has " + r.size() + " fields, expected " + columns);
      if (r.get(0).isBlank() || !seen.add(r.get(0))) throw Errors.referenceDataInvalid(file, "code '" + r.get(0) + "' is blank or repeated");
    }
  }

  private static Set<String> codesOf(List<List<String>> rows) {
    Set<String> codes = new HashSet<>();
    for (List<String> r : rows) codes.add(r.get(0));
    return codes;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String require(String value, String where, String problem) {
    if (value == null || value.isBlank()) throw Errors.referenceDataInvalid(where, problem);
    return value;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String titleCase(String spaced) {
    List<String> words = new ArrayList<>();
    for (String w : spaced.split(" ")) words.add(capitalise(w));
    return String.join(" ", words);
  }

  private static Csv.Table read(Path file) {
    if (!Files.isRegularFile(file)) throw Errors.referenceSourceMissing(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return Csv.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, List<String> header, List<List<String>> rows) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Csv.write(out, header, rows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
