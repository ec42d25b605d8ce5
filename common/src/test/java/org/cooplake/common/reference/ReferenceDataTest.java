package org.cooplake.common.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cooplake.common.errors.CooplakeException;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference tables in data/reference: rebuilt from ../shared they come out
 * byte-identical, and their content holds what RAW_CONTRACT.md and GOLD_CONTRACT.md require.
 * No Spark needed.
 */
class ReferenceDataTest {
  private static final Path REFERENCE = SparkTestBase.projectDir().resolve("data/reference");

  // ------------------------------------------------------------------ rebuild

  @Test
  void rebuildingFromSharedSourcesGivesTheCommittedFiles(@TempDir Path out) throws IOException {
    Path shared = SparkTestBase.sharedDir();
    Assumptions.assumeTrue(shared != null && Files.isDirectory(shared.resolve("data/reference")),
        "../shared/data/reference is absent in this clone: cannot rebuild the reference data to compare");
    ReferenceDataBuilder.build(shared.resolve("data/reference"), REFERENCE.resolve("curated"), out);

    Set<String> built = relativeFiles(out);
    Set<String> committed = relativeFiles(REFERENCE);
    committed.removeIf(f -> f.startsWith("curated/") || f.equals("README.md"));
    assertEquals(committed, built, "generated files in data/reference (outside curated/) vs files the builder writes");
    for (String f : built) {
      String why = f + " differs from a rebuild: edit data/reference/curated and rerun the builder (see data/reference/README.md)";
      // text first for a readable diff, then the bytes (encoding, line ends)
      assertEquals(Files.readString(REFERENCE.resolve(f), StandardCharsets.UTF_8), Files.readString(out.resolve(f), StandardCharsets.UTF_8), why);
      assertArrayEquals(Files.readAllBytes(REFERENCE.resolve(f)), Files.readAllBytes(out.resolve(f)), why);
    }
  }

  @Test
  void builderRefusesAnAliasThatWouldMapToTwoCodes(@TempDir Path tmp) throws IOException {
    Path shared = SparkTestBase.sharedDir();
    Assumptions.assumeTrue(shared != null && Files.isDirectory(shared.resolve("data/reference")),
        "../shared/data/reference is absent in this clone: cannot run the builder");
    Path curated = Files.createDirectories(tmp.resolve("curated"));
    try (Stream<Path> files = Files.list(REFERENCE.resolve("curated"))) {
      for (Path f : files.toList()) Files.copy(f, curated.resolve(f.getFileName()));
    }
    Files.writeString(curated.resolve("country_aliases.csv"), "ｋｏｒｅａ,KP\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    CooplakeException e = assertThrows(CooplakeException.class,
        () -> ReferenceDataBuilder.build(shared.resolve("data/reference"), curated, tmp.resolve("out")));
    assertEquals("REFERENCE_DATA_INVALID", e.code());
    assertTrue(e.problem().contains("'ｋｏｒｅａ' (KP)") && e.problem().contains("(KR)"), e.problem());
  }

  // ------------------------------------------------------------------ content

  @Test
  void sixteenBeijingDistricts() {
    List<Map<String, String>> districts = rows("districts.csv");
    assertEquals(16, districts.size());
    assertUniqueCodes("districts.csv", districts, "district_code");
    Map<String, Map<String, String>> byPinyin = index(districts, "pinyin");
    assertEquals("110108", byPinyin.get("Haidian").get("district_code"));
    assertEquals("海淀区", byPinyin.get("Haidian").get("name_zh"));
    assertEquals("海淀", byPinyin.get("Haidian").get("short_name_zh"));
    assertEquals("Haidian District", byPinyin.get("Haidian").get("name_en"));
    assertEquals("110117", byPinyin.get("Pinggu").get("district_code"));
    assertEquals("110101", districts.get(0).get("district_code"));
    assertEquals("110119", districts.get(15).get("district_code"));
    for (Map<String, String> d : districts) assertTrue(d.get("district_code").startsWith("1101"), d.toString());
  }

  @Test
  void countriesCoverIso3166WithContinentsAndRegions() {
    List<Map<String, String>> countries = rows("countries.csv");
    assertUniqueCodes("countries.csv", countries, "country_code");
    Set<String> continents = Set.of("EUROPE", "NORTH_AMERICA", "ASIA", "OCEANIA", "AFRICA", "SOUTH_AMERICA");
    long iso = countries.stream().filter(c -> c.get("is_region").equals("false")).count();
    assertTrue(iso >= 249, "ISO 3166-1 members: " + iso);
    for (Map<String, String> c : countries) {
      assertTrue(continents.contains(c.get("continent")), c.toString());
      assertTrue(c.get("country_code").matches("[A-Z]{2}"), c.toString());
      assertFalse(c.get("name_en").isBlank() || c.get("name_zh").isBlank(), c.toString());
    }
    Map<String, Map<String, String>> byCode = index(countries, "country_code");
    assertCountry(byCode, "US", "美国", "NORTH_AMERICA");
    assertCountry(byCode, "DE", "德国", "EUROPE");
    assertCountry(byCode, "GB", "英国", "EUROPE");
    assertCountry(byCode, "KR", "韩国", "ASIA");
    assertCountry(byCode, "RU", "俄罗斯", "EUROPE");
    assertCountry(byCode, "JP", "日本", "ASIA");
    assertCountry(byCode, "AU", "澳大利亚", "OCEANIA");
    assertCountry(byCode, "ZA", "南非", "AFRICA");
    assertCountry(byCode, "BR", "巴西", "SOUTH_AMERICA");
    assertCountry(byCode, "MX", "墨西哥", "NORTH_AMERICA"); // Central America counts as North America
    assertCountry(byCode, "CU", "古巴", "NORTH_AMERICA"); // so does the Caribbean
    assertEquals("USA", byCode.get("US").get("iso3"));
    assertEquals("United States", byCode.get("US").get("name_en"));
    assertCountry(byCode, "EU", "欧盟", "EUROPE");
    assertEquals("true", byCode.get("EU").get("is_region"));
    assertEquals("European Union", byCode.get("EU").get("name_en"));
    for (String hmt : List.of("HK", "MO", "TW")) {
      assertEquals("true", byCode.get(hmt).get("is_hmt"), hmt);
      assertEquals("ASIA", byCode.get(hmt).get("continent"), hmt);
    }
    assertEquals(Set.of("HK", "MO", "TW"), codesWhere(countries, "is_hmt"));
    assertEquals(Set.of("EU"), codesWhere(countries, "is_region"));
  }

  @Test
  void smallCodeListsMatchTheContracts() {
    assertEquals(List.of("AI", "ENV", "EQUIP", "HEALTH", "IC", "MATERIAL", "NEV", "NGIT", "OTHER", "SOFTWARE", "STSERV"),
        codes("fields.csv", "field_code"));
    assertEquals(List.of("ENTERPRISE", "INTERMEDIARY", "RESEARCH_INSTITUTE", "SCIENCE_PARK", "UNIVERSITY"),
        codes("carrier_types.csv", "carrier_type"));
    assertEquals(List.of("ENTERPRISE", "GOVERNMENT", "INDUSTRY_ORG", "INTL_ORG", "RESEARCH", "UNIVERSITY"),
        codes("partner_types.csv", "partner_type"));
    assertEquals(List.of("MARKET", "RD", "STANDARD", "TALENT", "TRANSFER"), codes("modes.csv", "mode"));
    assertEquals("医药健康", index(rows("fields.csv"), "field_code").get("HEALTH").get("name_zh"));
    assertEquals("科技中介组织", index(rows("carrier_types.csv"), "carrier_type").get("INTERMEDIARY").get("name_zh"));
  }

  @Test
  void everyAliasNormalisesToExactlyOneExistingCode() {
    for (Dimension dim : Dimension.values()) {
      String file = dim.aliasesFile();
      Set<String> codes = codeSet(dim);
      Map<String, String> codeByKey = new HashMap<>();
      for (Map<String, String> a : rows(file)) {
        String alias = a.get("alias");
        String code = a.get("code");
        assertFalse(alias.isBlank(), file + ": blank alias for " + code);
        assertTrue(codes.contains(code), file + ": alias '" + alias + "' names unknown code " + code);
        String previous = codeByKey.put(normalise(alias), code);
        if (previous != null && !previous.equals(code)) {
          fail(file + ": '" + alias + "' normalises to '" + normalise(alias) + "', which maps to both " + previous + " and " + code);
        }
      }
    }
  }

  @Test
  void everyMemberIsFoundByItsCodeAndNames() {
    for (Dimension dim : Dimension.values()) {
      Map<String, String> lookup = aliasLookup(dim);
      for (Map<String, String> m : rows(dim.membersFile())) {
        String code = m.get(firstColumn(dim.membersFile()));
        for (String column : List.of("name_zh", "name_en")) assertResolves(dim, lookup, m.get(column), code);
        assertResolves(dim, lookup, code, code);
      }
    }
    Map<String, String> country = aliasLookup(Dimension.COUNTRY);
    for (Map<String, String> c : rows("countries.csv")) {
      if (!c.get("iso3").isEmpty()) assertResolves(Dimension.COUNTRY, country, c.get("iso3"), c.get("country_code"));
    }
    Map<String, String> district = aliasLookup(Dimension.DISTRICT);
    for (Map<String, String> d : rows("districts.csv")) {
      assertResolves(Dimension.DISTRICT, district, d.get("short_name_zh"), d.get("district_code"));
      assertResolves(Dimension.DISTRICT, district, d.get("pinyin"), d.get("district_code"));
    }
  }

  /** Every spelling RAW_CONTRACT.md lists, as a raw file might write it. */
  @Test
  void everySpellingOfTheRawContractResolves() {
    expect(Dimension.DISTRICT, "110108", "海淀区", "海淀", "Haidian", "Haidian District", "110108", "HAIDIAN", "  haidian   district ",
        "ＨＡＩＤＩＡＮ", "１１０１０８", "海淀区　");
    expect(Dimension.DISTRICT, "110105", "朝阳区", "朝阳", "Chaoyang", "Chaoyang District", "110105");
    expect(Dimension.DISTRICT, "110117", "平谷区", "平谷", "Pinggu", "Pinggu District", "110117");

    expect(Dimension.CARRIER_TYPE, "ENTERPRISE", "enterprise", "Enterprise", "ENTERPRISE", "企业", "公司");
    expect(Dimension.CARRIER_TYPE, "UNIVERSITY", "university", "高等院校", "高校", "大学");
    expect(Dimension.CARRIER_TYPE, "RESEARCH_INSTITUTE", "research institute", "Research Institute", "科研院所", "研究所", "科研机构");
    expect(Dimension.CARRIER_TYPE, "INTERMEDIARY", "intermediary", "科技中介组织", "中介机构");
    expect(Dimension.CARRIER_TYPE, "SCIENCE_PARK", "science park", "SCIENCE PARK", "科技园区", "园区");

    expect(Dimension.FIELD, "NGIT", "NGIT", "新一代信息技术", "new-generation information technology");
    expect(Dimension.FIELD, "IC", "IC", "集成电路", "integrated circuits");
    expect(Dimension.FIELD, "HEALTH", "HEALTH", "医药健康", "medicine and health");
    expect(Dimension.FIELD, "EQUIP", "EQUIP", "智能装备", "intelligent equipment");
    expect(Dimension.FIELD, "ENV", "ENV", "节能环保", "energy saving and environmental protection");
    expect(Dimension.FIELD, "NEV", "NEV", "新能源智能汽车", "new-energy intelligent vehicles");
    expect(Dimension.FIELD, "MATERIAL", "MATERIAL", "新材料", "new materials");
    expect(Dimension.FIELD, "AI", "AI", "人工智能", "artificial intelligence");
    expect(Dimension.FIELD, "SOFTWARE", "SOFTWARE", "软件和信息服务", "software and information services");
    expect(Dimension.FIELD, "STSERV", "STSERV", "科技服务业", "science and technology services");
    expect(Dimension.FIELD, "OTHER", "OTHER", "其他", "other");

    expect(Dimension.MODE, "RD", "R&D cooperation", "研发合作", "ｒ＆ｄ ｃｏｏｐｅｒａｔｉｏｎ");
    expect(Dimension.MODE, "TRANSFER", "achievement transfer and promotion", "成果转化与推广", "成果转化");
    expect(Dimension.MODE, "MARKET", "market cooperation", "市场合作");
    expect(Dimension.MODE, "TALENT", "talent introduction and exchange", "人才引进与交流", "人才交流");
    expect(Dimension.MODE, "STANDARD", "standard setting", "标准制定", "标准");

    expect(Dimension.COUNTRY, "US", "美国", "美利坚合众国", "United States", "United States of America", "USA", "U.S.", "US", "ＵＳＡ", "usa");
    expect(Dimension.COUNTRY, "GB", "UK", "Britain", "England", "GB", "GBR", "United Kingdom", "英国");
    expect(Dimension.COUNTRY, "KR", "South Korea", "Korea", "Republic of Korea", "韩国", "南韩", "KR", "KOR");
    expect(Dimension.COUNTRY, "RU", "Russia", "俄罗斯", "RU", "RUS");
    expect(Dimension.COUNTRY, "NL", "Holland", "Netherlands", "荷兰", "NL");
    expect(Dimension.COUNTRY, "DE", "德国", "Germany", "DE", "DEU");
    expect(Dimension.COUNTRY, "JP", "日本", "Japan", "JP", "JPN");
    expect(Dimension.COUNTRY, "EU", "欧盟", "EU", "European Union");
    expect(Dimension.COUNTRY, "HK", "香港", "中国香港", "Hong Kong", "HK");
    expect(Dimension.COUNTRY, "MO", "澳门", "中国澳门", "Macao", "Macau", "MO");
    expect(Dimension.COUNTRY, "TW", "台湾", "中国台湾", "Taiwan", "TW");

    expect(Dimension.PARTNER_TYPE, "UNIVERSITY", "university", "大学", "高校");
    expect(Dimension.PARTNER_TYPE, "ENTERPRISE", "enterprise", "企业", "公司");
    expect(Dimension.PARTNER_TYPE, "RESEARCH", "research institution", "研究机构", "研究所");
    expect(Dimension.PARTNER_TYPE, "GOVERNMENT", "government", "政府", "政府机构");
    expect(Dimension.PARTNER_TYPE, "INTL_ORG", "international organisation", "国际组织");
    expect(Dimension.PARTNER_TYPE, "INDUSTRY_ORG", "industry organisation", "行业组织", "行业协会", "学会");
  }

  @Test
  void modeAliasesHoldNoModeSeparator() {
    // the modes column joins several modes with these; an alias holding one could never match
    for (Map<String, String> a : rows(Dimension.MODE.aliasesFile())) {
      assertFalse(a.get("alias").matches(".*[;；,，、/|+].*"), "mode alias with a separator: " + a);
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The contract's normalisation, written here independently of the production code. */
  private static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
  }

  private static void expect(Dimension dim, String code, String... spellings) {
    Map<String, String> lookup = aliasLookup(dim);
    for (String s : spellings) assertResolves(dim, lookup, s, code);
  }

  private static void assertResolves(Dimension dim, Map<String, String> lookup, String spelling, String code) {
    assertEquals(code, lookup.get(normalise(spelling)), dim + " spelling '" + spelling + "'");
  }

  private static Map<String, String> aliasLookup(Dimension dim) {
    Map<String, String> lookup = new HashMap<>();
    for (Map<String, String> a : rows(dim.aliasesFile())) lookup.put(normalise(a.get("alias")), a.get("code"));
    return lookup;
  }

  private static void assertCountry(Map<String, Map<String, String>> byCode, String code, String nameZh, String continent) {
    Map<String, String> c = byCode.get(code);
    assertTrue(c != null, code + " missing");
    assertEquals(nameZh, c.get("name_zh"), code);
    assertEquals(continent, c.get("continent"), code);
  }

  private static void assertUniqueCodes(String file, List<Map<String, String>> rows, String column) {
    Set<String> seen = new HashSet<>();
    for (Map<String, String> r : rows) assertTrue(seen.add(r.get(column)), file + ": duplicate " + r.get(column));
  }

  private static Set<String> codesWhere(List<Map<String, String>> countries, String flag) {
    Set<String> out = new TreeSet<>();
    for (Map<String, String> c : countries) if (c.get(flag).equals("true")) out.add(c.get("country_code"));
    return out;
  }

  private static Set<String> codeSet(Dimension dim) {
    return new HashSet<>(codes(dim.membersFile(), firstColumn(dim.membersFile())));
  }

  private static List<String> codes(String file, String column) {
    List<String> out = new ArrayList<>();
    for (Map<String, String> r : rows(file)) out.add(r.get(column));
    return out;
  }

  private static String firstColumn(String file) {
    return table(file).header().get(0);
  }

  private static Map<String, Map<String, String>> index(List<Map<String, String>> rows, String column) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (Map<String, String> r : rows) out.put(r.get(column), r);
    return out;
  }

  private static List<Map<String, String>> rows(String file) {
    return table(file).rows();
  }

  private static Csv.Table table(String file) {
    try (Reader in = Files.newBufferedReader(REFERENCE.resolve(file), StandardCharsets.UTF_8)) {
      return Csv.read(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<String> relativeFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      Set<String> out = new TreeSet<>();
      files.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
      return out;
    }
  }
}
