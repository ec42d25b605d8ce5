package org.cooplake.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cooplake.common.model.Feed;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.jobs.generate.RawScan.FileScan;
import org.cooplake.jobs.generate.RawScan.Kind;
import org.cooplake.jobs.generate.RawScan.Rec;
import org.cooplake.jobs.generate.RawScan.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The committed sample's raw files, read back by the test's own readers ({@link RawScan},
 * {@link Conform}): every messy variant RAW_CONTRACT.md lists is in them, every raw row ends where
 * the truth says (current, older/duplicate copy, quarantine with exactly the truth's reasons,
 * pending), and the current rows spell exactly the truth's clean values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleRawFilesTest {
  private static final Path SAMPLE = SparkTestBase.projectDir().resolve("data/sample");
  private final Conform conform = new Conform(SparkTestBase.projectDir().resolve("data/reference"));
  private List<FileScan> files;
  private Set<String> rejected;
  private Map<String, Set<String>> quarantine;

  @BeforeAll
  void read() {
    files = RawScan.scan(SAMPLE.resolve("landing"));
    rejected = GeneratorTest.rejectedFiles(SAMPLE.resolve("truth"));
    quarantine = new HashMap<>();
    for (Map<String, String> q : GeneratorTest.csv(SAMPLE.resolve("truth/quarantine.csv"))) {
      quarantine.put(q.get("source_file") + "#" + q.get("row_number"), new TreeSet<>(List.of(q.get("reason_codes").split(";"))));
    }
  }

  // ---------------------------------------------------------------- files

  @Test
  void everyFormatEncodingAndHeaderStyle() {
    for (Feed feed : Feed.values()) {
      Set<String> formats = accepted(feed).stream().map(FileScan::format).collect(Collectors.toSet());
      assertEquals(Set.of("csv", "jsonl", "xlsx"), formats, feed + " formats");
    }
    Set<String> encodings = accepted(null).stream().filter(f -> f.format().equals("csv")).map(FileScan::encoding)
        .collect(Collectors.toSet());
    assertEquals(Set.of("UTF-8", "UTF-8-BOM", "GB18030"), encodings, "CSV encodings");
    List<FileScan> tabular = accepted(null).stream().filter(f -> !f.headers().isEmpty()).toList();
    assertTrue(tabular.stream().anyMatch(f -> f.headers().contains("project_id")), "English headers");
    assertTrue(tabular.stream().anyMatch(f -> f.headers().stream().anyMatch(h -> h.strip().equals("项目编号"))), "Chinese headers");
    assertTrue(tabular.stream().anyMatch(f -> f.headers().stream().anyMatch(h -> !h.equals(h.strip()))), "headers with spaces");
    assertTrue(tabular.stream().anyMatch(f -> f.headers().contains("PROJECT_ID")), "upper-case headers");
    assertTrue(tabular.stream().anyMatch(f -> f.headers().contains("Project Id")), "headers with spaces for underscores");
    assertTrue(tabular.stream().anyMatch(f -> !inContractOrder(f)), "shuffled column order");
    assertTrue(tabular.stream().anyMatch(f -> f.headers().stream().anyMatch(h -> f.feed().columnForHeader(h).isEmpty())),
        "unknown extra columns");
    assertTrue(tabular.stream().anyMatch(f -> f.feed() == Feed.PROJECTS && f.headers().stream()
        .noneMatch(h -> f.feed().columnForHeader(h).orElse("").equals("contact_name"))), "a file without optional columns");
    assertTrue(accepted(null).stream().anyMatch(FileScan::crlf), "CRLF line ends");
    List<String> quoted = accepted(null).stream().flatMap(f -> f.csvFieldsNeedingQuotes().stream()).toList();
    assertTrue(quoted.stream().anyMatch(v -> v.contains(",")), "quoted field with a comma");
    assertTrue(quoted.stream().anyMatch(v -> v.contains("\"")), "quoted field with a quote");
    assertTrue(quoted.stream().anyMatch(v -> v.contains("\n")), "quoted field with a line break");
  }

  private static boolean inContractOrder(FileScan f) {
    List<String> mapped = f.headers().stream().map(h -> f.feed().columnForHeader(h).orElse(null)).filter(Objects::nonNull).toList();
    List<String> contract = f.feed().columnNames().stream().filter(mapped::contains).toList();
    return mapped.equals(contract);
  }

  @Test
  void wholeFilesThatCannotBeUsedAreListedAndReallyBroken() {
    Map<String, FileScan> byPath = files.stream().collect(Collectors.toMap(FileScan::path, f -> f));
    assertEquals(2, rejected.size(), "rejected files: " + rejected);
    boolean missingColumn = false;
    boolean unreadable = false;
    for (String path : rejected) {
      FileScan f = byPath.get(path);
      assertNotNull(f, path + " listed as rejected but not in landing");
      if (!f.readable()) unreadable = true;
      else missingColumn |= f.feed().requiredColumns().stream()
          .anyMatch(c -> f.headers().stream().noneMatch(h -> f.feed().columnForHeader(h).orElse("").equals(c)));
    }
    assertTrue(missingColumn, "a file without a required column");
    assertTrue(unreadable, "an unreadable file");
  }

  // ---------------------------------------------------------------- spellings

  @Test
  void districtsInEverySpelling() {
    List<Value> v = values(Feed.PROJECTS, "district");
    Reference ref = Reference.get();
    assertPresent(v, "code", x -> x.kind() == Kind.TEXT && x.text().matches("\\d{6}"));
    assertPresent(v, "code as an XLSX number", x -> x.kind() == Kind.NUMBER);
    assertPresent(v, "full-width code", x -> x.text().matches("[０-９]{6}\\s*"));
    assertPresent(v, "full name", x -> ref.districts.values().stream().anyMatch(d -> d.nameZh().equals(x.text())));
    assertPresent(v, "short name", x -> ref.districts.values().stream().anyMatch(d -> d.shortZh().equals(x.text())));
    assertPresent(v, "pinyin", x -> ref.districts.values().stream().anyMatch(d -> d.pinyin().equalsIgnoreCase(x.text())));
    assertPresent(v, "English", x -> x.text().toLowerCase().replaceAll("\\s+", " ").endsWith(" district"));
    assertPresent(v, "extra spaces", x -> !x.text().equals(x.text().strip()) || x.text().contains("  "));
  }

  @Test
  void countriesInEverySpelling() {
    Set<String> v = texts(Feed.PARTNERS, "partner_country");
    for (String s : List.of("美国", "美利坚合众国", "United States", "United States of America", "US", "USA", "U.S.", "ＵＳＡ",
        "英国", "UK", "Britain", "England", "GB", "GBR", "韩国", "大韩民国", "南韩", "Korea", "Republic of Korea", "South Korea",
        "Russia", "俄罗斯联邦", "Holland", "The Netherlands", "欧盟", "EU", "European Union", "Germany", "DEU", "德国")) {
      assertTrue(v.contains(s), "country spelled '" + s + "'");
    }
    assertTrue(v.stream().anyMatch(s -> List.of("HK", "MO", "TW").contains(String.valueOf(conform.code("country", s)))),
        "Hong Kong, Macao or Taiwan");
    assertTrue(v.stream().anyMatch(s -> !s.equals(s.strip())), "country with extra spaces");
  }

  @Test
  void typesModesAndFieldsInEverySpelling() {
    Set<String> carriers = texts(Feed.PROJECTS, "carrier_type");
    for (String s : List.of("企业", "公司", "高等院校", "高校", "大学", "科研院所", "研究所", "科研机构", "科技中介组织", "中介机构",
        "科技园区", "园区", "Enterprise", "ENTERPRISE", "enterprise", "Science Park", "science park")) {
      assertTrue(carriers.contains(s), "carrier type '" + s + "'");
    }
    Set<String> types = texts(Feed.PARTNERS, "partner_type");
    for (String s : List.of("大学", "高校", "企业", "公司", "研究机构", "研究所", "政府", "政府机构", "国际组织", "行业组织", "行业协会",
        "学会", "University", "UNIVERSITY", "university", "Research Institution")) {
      assertTrue(types.contains(s), "partner type '" + s + "'");
    }
    Set<String> fields = texts(Feed.PROJECTS, "field");
    for (String s : List.of("医药健康", "Medicine and health", "MEDICINE AND HEALTH", "medicine and health", "HEALTH", "health")) {
      assertTrue(fields.contains(s), "field '" + s + "'");
    }
    Set<String> modes = texts(Feed.PROJECTS, "modes");
    Set<String> parts = new HashSet<>();
    for (String m : modes) for (String p : m.split("[;；,，、/|+]")) parts.add(p.strip());
    for (String s : List.of("研发合作", "成果转化与推广", "成果转化", "市场合作", "人才引进与交流", "人才交流", "标准制定", "标准",
        "R&D cooperation", "Achievement transfer and promotion", "Market cooperation", "Talent introduction and exchange",
        "Standard setting")) {
      assertTrue(parts.contains(s), "mode '" + s + "'");
    }
    for (String sep : Spellings.MODE_SEPARATORS) {
      assertTrue(modes.stream().anyMatch(m -> m.contains(sep) && conform.modes(m) != null && conform.modes(m).size() > 1),
          "modes joined by '" + sep + "'");
    }
    assertTrue(modes.stream().anyMatch(m -> m.split("[;；,，、/|+]").length > 1 && conform.modes(m).size() == 1),
        "one mode named twice");
  }

  @Test
  void datesAmountsAndIdsInEveryStyle() {
    List<Value> starts = values(Feed.PROJECTS, "start_date");
    Map<String, String> dateStyles = Map.of("ISO", "\\d{4}-\\d{2}-\\d{2}", "slash", "\\d{4}/\\d{1,2}/\\d{1,2}",
        "dot", "\\d{4}\\.\\d{2}\\.\\d{2}", "compact", "\\d{8}", "年月日", "\\d{4}年\\d{1,2}月\\d{1,2}日",
        "年月", "\\d{4}年\\d{1,2}月", "year", "\\d{4}", "Excel serial", "\\d{5}");
    dateStyles.forEach((name, regex) -> assertPresent(starts, "start date " + name,
        x -> x.kind() == Kind.TEXT && x.text().matches(regex)));
    assertPresent(starts, "Excel serial as a JSON/XLSX number", x -> x.kind() == Kind.NUMBER);
    assertPresent(starts, "XLSX date cell", x -> x.kind() == Kind.DATE);
    List<Value> updated = values(null, "updated_at");
    assertPresent(updated, "ISO date-time", x -> x.text().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"));
    assertPresent(updated, "date-time with a space", x -> x.kind() == Kind.TEXT && x.text().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
    assertPresent(updated, "XLSX date-time cell", x -> x.kind() == Kind.DATETIME);
    assertPresent(updated, "update date only", x -> x.kind() == Kind.TEXT && x.text().matches("\\d{4}年\\d{1,2}月\\d{1,2}日"));
    List<Value> amounts = values(Feed.PROJECTS, "amount");
    Map<String, String> amountStyles = Map.of("plain", "\\d+", "grouped", "\\d{1,3}(,\\d{3})+", "万", "[\\d.]+万",
        "万元", "[\\d.]+万元", "亿", "[\\d.]+亿", "亿元", "[\\d.]+亿元", "decimals", "\\d+\\.00");
    amountStyles.forEach((name, regex) -> assertPresent(amounts, "amount " + name, x -> x.kind() == Kind.TEXT && x.text().matches(regex)));
    assertPresent(amounts, "amount as a number", x -> x.kind() == Kind.NUMBER);
    List<Value> ids = values(null, "project_id");
    assertPresent(ids, "lower-case id", x -> x.text().contains("bj-"));
    assertPresent(ids, "id with spaces", x -> !x.text().equals(x.text().strip()));
    assertPresent(ids, "full-width id", x -> x.text().startsWith("ＢＪ－"));
    assertPresent(ids, "mixed full-width id", x -> x.text().startsWith("ｂｊ-"));
    assertPresent(values(Feed.PROJECTS, "subject_id"), "full-width subject id", x -> x.text().startsWith("Ｓ"));
    assertPresent(values(Feed.PROJECTS, "contact_email"), "contact e-mail", x -> x.text().matches("[a-z.0-9]+@example\\.(com|cn)"));
    assertPresent(values(Feed.PROJECTS, "contact_phone"), "contact phone", x -> x.text().matches("(1\\d{10}|010-\\d{8})"));
    assertPresent(values(Feed.PROJECTS, "contact_name"), "contact name", x -> x.text().matches("\\p{IsHan}{2,3}"));
  }

  // ---------------------------------------------------------------- where every raw row ends

  /** A well-formed record of an accepted file, with where it came from. */
  private record Delivered(FileScan file, Rec rec, TreeSet<String> reasons) {
    String key() {
      return Conform.id(rec.text("project_id"));
    }
  }

  @Test
  void quarantineIsExactlyTheRowsThatBreakTheContract() {
    Set<String> seen = new HashSet<>();
    for (FileScan f : accepted(null)) {
      for (Rec r : f.records()) {
        String where = f.path() + "#" + r.number();
        Set<String> expected = r.malformed() ? Set.of("MALFORMED_RECORD") : reasons(f.feed(), r);
        Set<String> truth = quarantine.getOrDefault(where, Set.of());
        assertEquals(expected, truth, where + " " + r.values());
        if (!truth.isEmpty()) seen.add(where);
      }
    }
    assertEquals(quarantine.keySet(), seen, "quarantine.csv rows that point at no record");
    Set<String> codes = quarantine.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(BadRows.REASON_CODES), codes, "every reason code in the sample");
    Set<String> malformedKinds = accepted(null).stream().flatMap(f -> f.records().stream()).filter(Rec::malformed)
        .map(Rec::malformedWhy).collect(Collectors.toSet());
    assertEquals(Set.of("UNBALANCED_QUOTES", "WRONG_FIELD_COUNT", "MALFORMED_JSON"), malformedKinds);
    // a broken row that is newer than a project's current row: quarantined, so the older row stays current
    Map<String, LocalDateTime> current = new HashMap<>();
    for (Map<String, String> t : GeneratorTest.csv(SAMPLE.resolve("truth/projects.csv"))) {
      current.put(t.get("project_id"), LocalDateTime.parse(t.get("updated_at").replace(' ', 'T')));
    }
    boolean newerBroken = accepted(Feed.PROJECTS).stream().anyMatch(f -> f.records().stream().anyMatch(r -> {
      LocalDateTime updated = r.malformed() ? null : Conform.dateTime(r.text("project_id") == null ? null : r.text("updated_at"));
      LocalDateTime truth = current.get(Conform.id(r.text("project_id")));
      return updated != null && truth != null && updated.isAfter(truth) && quarantine.containsKey(f.path() + "#" + r.number());
    }));
    assertTrue(newerBroken, "a quarantined newer version of a current project");
  }

  @Test
  void everyRawRowEndsWhereTheTruthSays() {
    Map<String, Map<String, String>> counts = new HashMap<>();
    for (Map<String, String> c : GeneratorTest.csv(SAMPLE.resolve("truth/counts.csv"))) counts.put(c.get("feed"), c);
    List<Map<String, String>> truthProjects = GeneratorTest.csv(SAMPLE.resolve("truth/projects.csv"));
    List<Map<String, String>> truthPartners = GeneratorTest.csv(SAMPLE.resolve("truth/partners.csv"));

    // projects: the latest valid record of each key is the truth's row, value for value
    Map<String, List<Delivered>> projects = valid(Feed.PROJECTS).stream().collect(Collectors.groupingBy(Delivered::key));
    assertEquals(truthProjects.stream().map(p -> p.get("project_id")).collect(Collectors.toSet()), projects.keySet(),
        "valid raw project keys = truth projects");
    for (Map<String, String> t : truthProjects) {
      Delivered latest = latest(projects.get(t.get("project_id")));
      Rec r = latest.rec();
      String where = latest.file().path() + "#" + r.number();
      assertEquals(LocalDateTime.parse(t.get("updated_at").replace(' ', 'T')), Conform.dateTime(r.text("updated_at")), where);
      assertEquals(t.get("subject_id"), Conform.id(r.text("subject_id")), where);
      assertEquals(t.get("district_code"), conform.code("district", r.text("district")), where);
      assertEquals(t.get("carrier_type"), conform.code("carrier_type", r.text("carrier_type")), where);
      assertEquals(t.get("field_code"), conform.code("field", r.text("field")), where);
      assertEquals(t.get("modes"), String.join(";", conform.modes(r.text("modes"))), where);
      assertEquals(LocalDate.parse(t.get("start_date")), Conform.date(r.text("start_date")), where);
      assertEquals(t.get("end_date").isEmpty() ? null : LocalDate.parse(t.get("end_date")), blank(r.text("end_date")) ? null
          : Conform.date(r.text("end_date")), where);
      BigDecimal amount = blank(r.text("amount")) ? null : Conform.amount(r.text("amount"));
      assertEquals(t.get("amount_yuan").isEmpty() ? null : new BigDecimal(t.get("amount_yuan")).stripTrailingZeros(),
          amount == null ? null : amount.stripTrailingZeros(), where);
    }
    long projectRows = records(Feed.PROJECTS);
    Map<String, String> pc = counts.get("projects");
    assertEquals(Long.parseLong(pc.get("raw_rows")), projectRows, "projects raw rows");
    assertEquals(Long.parseLong(pc.get("current")), truthProjects.size());
    assertEquals(Long.parseLong(pc.get("superseded_or_duplicate")), valid(Feed.PROJECTS).size() - truthProjects.size());
    assertEquals(Long.parseLong(pc.get("quarantined")), projectRows - valid(Feed.PROJECTS).size());
    assertEquals(0, Long.parseLong(pc.get("pending")));

    // partners: key = project, trimmed name, country; pending when the project never became current
    Set<String> currentProjects = projects.keySet();
    Map<String, List<Delivered>> partners = valid(Feed.PARTNERS).stream()
        .collect(Collectors.groupingBy(d -> d.key() + "|" + Conform.norm(d.rec().text("partner_name")) + "|"
            + conform.code("country", d.rec().text("partner_country"))));
    long pending = 0;
    Set<String> currentKeys = new HashSet<>();
    for (Map.Entry<String, List<Delivered>> e : partners.entrySet()) {
      if (currentProjects.contains(e.getValue().get(0).key())) currentKeys.add(e.getKey());
      else pending += e.getValue().size();
    }
    Set<String> truthKeys = new HashSet<>();
    for (Map<String, String> t : truthPartners) {
      String key = t.get("project_id") + "|" + Conform.norm(t.get("partner_name")) + "|" + t.get("country_code");
      truthKeys.add(key);
      List<Delivered> rows = partners.get(key);
      assertNotNull(rows, "truth partner " + key + " not delivered");
      Rec r = latest(rows).rec();
      assertEquals(LocalDateTime.parse(t.get("updated_at").replace(' ', 'T')), Conform.dateTime(r.text("updated_at")), key);
      assertEquals(t.get("partner_type"), conform.code("partner_type", r.text("partner_type")), key);
      assertEquals(t.get("partner_name"), r.text("partner_name"), key);
    }
    assertEquals(truthKeys, currentKeys, "valid raw partner keys of current projects = truth partners");
    long partnerRows = records(Feed.PARTNERS);
    Map<String, String> qc = counts.get("partners");
    assertEquals(Long.parseLong(qc.get("raw_rows")), partnerRows, "partners raw rows");
    assertEquals(Long.parseLong(qc.get("current")), truthPartners.size());
    assertEquals(Long.parseLong(qc.get("pending")), pending);
    assertEquals(Long.parseLong(qc.get("superseded_or_duplicate")), valid(Feed.PARTNERS).size() - truthPartners.size() - pending);
    assertEquals(Long.parseLong(qc.get("quarantined")), partnerRows - valid(Feed.PARTNERS).size());
  }

  @Test
  void deliveriesAreMessyTheWayRealOnesAre() {
    for (Feed feed : Feed.values()) {
      Map<String, List<Delivered>> byKey = valid(feed).stream().collect(Collectors.groupingBy(d -> d.key()
          + (feed == Feed.PARTNERS ? "|" + Conform.norm(d.rec().text("partner_name")) : "")));
      boolean newerLater = false;
      boolean staleLater = false;
      boolean duplicateAcrossFiles = false;
      for (List<Delivered> versions : byKey.values()) {
        for (Delivered a : versions) {
          for (Delivered b : versions) {
            if (a == b) continue;
            int order = a.file().batch().compareTo(b.file().batch());
            int age = Conform.dateTime(a.rec().text("updated_at")).compareTo(Conform.dateTime(b.rec().text("updated_at")));
            if (order < 0 && age < 0) newerLater = true;
            if (order < 0 && age > 0) staleLater = true;
            if (age == 0 && !a.file().path().equals(b.file().path())) duplicateAcrossFiles = true;
          }
        }
      }
      assertTrue(newerLater, feed + ": a re-delivery with a newer updated_at in a later batch");
      assertTrue(staleLater, feed + ": a stale older copy arriving in a later batch");
      assertTrue(duplicateAcrossFiles, feed + ": the same version delivered again in another file");
      boolean exactDuplicateInFile = accepted(feed).stream().anyMatch(f -> {
        Set<Map<String, Value>> seen = new HashSet<>();
        return f.records().stream().filter(r -> !r.malformed()).anyMatch(r -> !seen.add(r.values()));
      });
      assertTrue(exactDuplicateInFile, feed + ": an exact duplicate row within one file");
      Map<Map<String, String>, Set<String>> filesOfRow = new HashMap<>();
      for (Delivered d : valid(feed)) filesOfRow.computeIfAbsent(texts(d.rec()), k -> new HashSet<>()).add(d.file().path());
      assertTrue(filesOfRow.values().stream().anyMatch(paths -> paths.size() > 1), feed + ": an exact duplicate row in another file");
    }
    Map<String, String> projectBatch = new HashMap<>();
    for (Delivered d : valid(Feed.PROJECTS)) projectBatch.merge(d.key(), d.file().batch(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    assertTrue(valid(Feed.PARTNERS).stream().anyMatch(d -> projectBatch.containsKey(d.key())
        && d.file().batch().compareTo(projectBatch.get(d.key())) < 0), "partners arriving a night before their project");
  }

  // ---------------------------------------------------------------- the test's own conformance rules

  /** The reason codes RAW_CONTRACT.md gives a well-formed record (empty: a valid row). */
  private TreeSet<String> reasons(Feed feed, Rec r) {
    TreeSet<String> out = new TreeSet<>();
    if (blank(r.text("project_id"))) out.add("MISSING_PROJECT_ID");
    if (feed == Feed.PROJECTS) {
      if (blank(r.text("subject_id"))) out.add("MISSING_SUBJECT_ID");
      coded(out, r.text("district"), "district", "MISSING_DISTRICT", "UNKNOWN_DISTRICT");
      coded(out, r.text("carrier_type"), "carrier_type", "MISSING_CARRIER_TYPE", "UNKNOWN_CARRIER_TYPE");
      coded(out, r.text("field"), "field", "MISSING_FIELD", "UNKNOWN_FIELD");
      if (blank(r.text("modes"))) out.add("MISSING_MODES");
      else if (conform.modes(r.text("modes")) == null) out.add("UNKNOWN_MODE");
      LocalDate start = Conform.date(r.text("start_date"));
      LocalDate end = Conform.date(r.text("end_date"));
      if (blank(r.text("start_date"))) out.add("MISSING_START_DATE");
      else if (start == null) out.add("BAD_DATE");
      if (!blank(r.text("end_date")) && end == null) out.add("BAD_DATE");
      if (start != null && end != null && end.isBefore(start)) out.add("END_BEFORE_START");
      if (!blank(r.text("amount"))) {
        BigDecimal amount = Conform.amount(r.text("amount"));
        if (amount == null) out.add("BAD_AMOUNT");
        else if (amount.signum() < 0) out.add("NEGATIVE_AMOUNT");
      }
    } else {
      if (blank(r.text("partner_name"))) out.add("MISSING_PARTNER_NAME");
      coded(out, r.text("partner_country"), "country", "MISSING_PARTNER_COUNTRY", "UNKNOWN_COUNTRY");
      if ("CN".equals(conform.code("country", r.text("partner_country")))) out.add("DOMESTIC_PARTNER");
      coded(out, r.text("partner_type"), "partner_type", "MISSING_PARTNER_TYPE", "UNKNOWN_PARTNER_TYPE");
    }
    if (blank(r.text("updated_at"))) out.add("MISSING_UPDATED_AT");
    else if (Conform.dateTime(r.text("updated_at")) == null) out.add("BAD_UPDATED_AT");
    return out;
  }

  private void coded(Set<String> out, String value, String dimension, String missing, String unknown) {
    if (blank(value)) out.add(missing);
    else if (conform.code(dimension, value) == null) out.add(unknown);
  }

  private static boolean blank(String s) {
    return s == null || Conform.norm(s).isEmpty();
  }

  private static Delivered latest(List<Delivered> versions) {
    Delivered best = null;
    for (Delivered d : versions) {
      if (best == null || Conform.dateTime(d.rec().text("updated_at")).isAfter(Conform.dateTime(best.rec().text("updated_at")))) best = d;
    }
    return best;
  }

  // ---------------------------------------------------------------- access

  private List<FileScan> accepted(Feed feed) {
    return files.stream().filter(f -> !rejected.contains(f.path()) && (feed == null || f.feed() == feed)).toList();
  }

  private long records(Feed feed) {
    return accepted(feed).stream().mapToLong(f -> f.records().size()).sum();
  }

  private final Map<Feed, List<Delivered>> validCache = new HashMap<>();

  private List<Delivered> valid(Feed feed) {
    return validCache.computeIfAbsent(feed, f -> {
      List<Delivered> out = new ArrayList<>();
      for (FileScan file : accepted(f)) {
        for (Rec r : file.records()) if (!r.malformed() && reasons(f, r).isEmpty()) out.add(new Delivered(file, r, new TreeSet<>()));
      }
      return out;
    });
  }

  private List<Value> values(Feed feed, String column) {
    List<Value> out = new ArrayList<>();
    for (FileScan f : accepted(feed)) {
      for (Rec r : f.records()) {
        Value v = r.values().get(column);
        if (v != null && !v.text().isEmpty()) out.add(v);
      }
    }
    return out;
  }

  /** A record's values as text only (an XLSX number and a CSV string with the same digits are the same value). */
  private static Map<String, String> texts(Rec r) {
    Map<String, String> m = new HashMap<>();
    r.values().forEach((k, v) -> m.put(k, v.text()));
    return m;
  }

  private Set<String> texts(Feed feed, String column) {
    return values(feed, column).stream().map(Value::text).collect(Collectors.toSet());
  }

  private static void assertPresent(List<Value> values, String what, Predicate<Value> test) {
    assertTrue(values.stream().anyMatch(test), what + " not found among " + values.size() + " values");
  }

  @Test
  void sampleIsNotEmpty() {
    assertFalse(files.isEmpty(), "no files under data/sample/landing");
    assertTrue(Pattern.matches("dt=\\d{4}-\\d{2}-\\d{2}", files.get(0).batch()));
  }
}
