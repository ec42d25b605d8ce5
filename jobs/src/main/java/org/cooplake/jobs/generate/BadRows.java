package org.cooplake.jobs.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.cooplake.jobs.generate.Spellings.Format;

/**
 * Rows the pipeline must quarantine, one maker per defect, each with the reason codes silver must
 * give it (a row may have several), plus valid partner rows whose project never arrives (they stay
 * pending). Each bad row starts from a realistic row and breaks what its reasons say, nothing else.
 */
final class BadRows {
  private BadRows() {}

  /** Every reason code, as silver names them. */
  static final List<String> REASON_CODES = List.of("MALFORMED_RECORD", "MISSING_PROJECT_ID", "MISSING_SUBJECT_ID",
      "MISSING_DISTRICT", "MISSING_CARRIER_TYPE", "MISSING_FIELD", "MISSING_MODES", "MISSING_START_DATE",
      "MISSING_UPDATED_AT", "MISSING_PARTNER_NAME", "MISSING_PARTNER_COUNTRY", "MISSING_PARTNER_TYPE",
      "UNKNOWN_DISTRICT", "UNKNOWN_CARRIER_TYPE", "UNKNOWN_FIELD", "UNKNOWN_MODE", "UNKNOWN_COUNTRY",
      "UNKNOWN_PARTNER_TYPE", "DOMESTIC_PARTNER", "BAD_DATE", "BAD_UPDATED_AT", "END_BEFORE_START", "BAD_AMOUNT",
      "NEGATIVE_AMOUNT");

  /**
   * What a maker starts from: a current project of the subject being written, a fresh project id
   * nobody else uses, the id of an earlier quarantined new project (or null), the file format.
   */
  record Base(Clean.Project project, String freshProjectId, String quarantinedProjectId, Format format, Picker pk,
              Renderer renderer) {}

  /**
   * A row to deliver. reasons empty = a valid row left pending (its project never becomes
   * current); {@code newProjectId}: a project id this (quarantined) row introduced.
   */
  record Row(Map<String, Object> raw, TreeSet<String> reasons, String newProjectId) {
    boolean pending() {
      return reasons.isEmpty();
    }
  }

  record Maker(String name, Function<Base, Row> make) {}

  // spellings that no reference table knows (SpellingsTest checks they stay unknown)
  static final List<String> UNKNOWN_DISTRICTS = List.of("浦东新区", "Pudong New Area", "110120", "中关村");
  static final List<String> UNKNOWN_CARRIER_TYPES = List.of("个体户", "sole trader", "医院");
  static final List<String> UNKNOWN_FIELDS = List.of("航空航天", "Aerospace", "现代农业");
  static final List<String> UNKNOWN_MODES = List.of("技术咨询", "consulting", "投资");
  static final List<String> UNKNOWN_COUNTRIES = List.of("Atlantis", "Wakanda", "火星", "XX", "欧洲");
  static final List<String> UNKNOWN_PARTNER_TYPES = List.of("个人", "individual", "基金会");
  static final List<String> DOMESTIC_COUNTRIES = List.of("中国", "China", "CN", "CHN", "中华人民共和国");
  static final List<String> BAD_DATES = List.of("2018-13-45", "sometime in 2018", "2018年13月", "20181345");
  static final List<String> BAD_END_DATES = List.of("待定", "TBD", "unknown");
  static final List<String> BAD_UPDATED = List.of("yesterday", "2019-13-01 10:00:00", "最近");
  static final List<String> BAD_AMOUNTS = List.of("约100万", "abc", "1.2.3万", "一百万");
  static final List<String> NEGATIVE_AMOUNTS = List.of("-50万", "-1,200,000", "-1200000");

  static final List<Maker> PROJECT_MAKERS = List.of(
      project("MISSING_PROJECT_ID", (b, r) -> r.put("project_id", missing(b)), "MISSING_PROJECT_ID"),
      project("MISSING_SUBJECT_ID", (b, r) -> r.put("subject_id", missing(b)), "MISSING_SUBJECT_ID"),
      project("MISSING_DISTRICT", (b, r) -> r.put("district", missing(b)), "MISSING_DISTRICT"),
      project("MISSING_CARRIER_TYPE", (b, r) -> r.put("carrier_type", missing(b)), "MISSING_CARRIER_TYPE"),
      project("MISSING_FIELD", (b, r) -> r.put("field", missing(b)), "MISSING_FIELD"),
      project("MISSING_MODES", (b, r) -> r.put("modes", missing(b)), "MISSING_MODES"),
      project("MISSING_START_DATE", (b, r) -> {
        r.put("start_date", missing(b));
        r.put("end_date", null);
      }, "MISSING_START_DATE"),
      project("MISSING_UPDATED_AT", (b, r) -> r.put("updated_at", missing(b)), "MISSING_UPDATED_AT"),
      project("UNKNOWN_DISTRICT", (b, r) -> r.put("district", b.pk().pick("badDistrict", UNKNOWN_DISTRICTS)), "UNKNOWN_DISTRICT"),
      project("UNKNOWN_CARRIER_TYPE", (b, r) -> r.put("carrier_type", b.pk().pick("badCarrier", UNKNOWN_CARRIER_TYPES)),
          "UNKNOWN_CARRIER_TYPE"),
      project("UNKNOWN_FIELD", (b, r) -> r.put("field", b.pk().pick("badField", UNKNOWN_FIELDS)), "UNKNOWN_FIELD"),
      project("UNKNOWN_MODE", (b, r) -> r.put("modes", "研发合作" + b.pk().pick("separator", Spellings.modeSeparators())
          + b.pk().pick("badMode", UNKNOWN_MODES)), "UNKNOWN_MODE"),
      project("BAD_START_DATE", (b, r) -> {
        r.put("start_date", b.pk().pick("badDate", BAD_DATES));
        r.put("end_date", null);
      }, "BAD_DATE"),
      project("BAD_END_DATE", (b, r) -> r.put("end_date", b.pk().pick("badEnd", BAD_END_DATES)), "BAD_DATE"),
      project("BAD_UPDATED_AT", (b, r) -> r.put("updated_at", b.pk().pick("badUpdated", BAD_UPDATED)), "BAD_UPDATED_AT"),
      project("END_BEFORE_START", (b, r) -> r.put("end_date", b.project().startDate().minusDays(30).toString()),
          "END_BEFORE_START"),
      project("BAD_AMOUNT", (b, r) -> r.put("amount", b.pk().pick("badAmount", BAD_AMOUNTS)), "BAD_AMOUNT"),
      project("NEGATIVE_AMOUNT", (b, r) -> r.put("amount", b.pk().pick("negativeAmount", NEGATIVE_AMOUNTS)),
          "NEGATIVE_AMOUNT"),
      project("UNKNOWN_DISTRICT+NEGATIVE_AMOUNT", (b, r) -> {
        r.put("district", b.pk().pick("badDistrict", UNKNOWN_DISTRICTS));
        r.put("amount", b.pk().pick("negativeAmount", NEGATIVE_AMOUNTS));
      }, "UNKNOWN_DISTRICT", "NEGATIVE_AMOUNT"),
      project("MISSING_FIELD+BAD_DATE", (b, r) -> {
        r.put("field", missing(b));
        r.put("start_date", b.pk().pick("badDate", BAD_DATES));
        r.put("end_date", null);
      }, "MISSING_FIELD", "BAD_DATE"),
      project("UNKNOWN_CARRIER_TYPE+UNKNOWN_MODE+BAD_UPDATED_AT", (b, r) -> {
        r.put("carrier_type", b.pk().pick("badCarrier", UNKNOWN_CARRIER_TYPES));
        r.put("modes", b.pk().pick("badMode", UNKNOWN_MODES));
        r.put("updated_at", b.pk().pick("badUpdated", BAD_UPDATED));
      }, "UNKNOWN_CARRIER_TYPE", "UNKNOWN_MODE", "BAD_UPDATED_AT"),
      // a newer version of a real project that is broken: quarantined, so the older one stays current
      new Maker("NEWER_BROKEN_VERSION", b -> {
        Clean.Project p = b.project();
        Clean.Project newer = new Clean.Project(p.projectId(), p.subjectId(), p.subjectName(), p.districtCode(),
            p.carrierType(), p.fieldCode(), p.modes(), p.startDate(), p.endDate(), p.amountYuan(),
            p.updatedAt().plusDays(1), p.contact(), List.of());
        Map<String, Object> raw = b.renderer().project(newer, b.format(), b.pk());
        raw.put("field", b.pk().pick("badField", UNKNOWN_FIELDS));
        return new Row(raw, reasons("UNKNOWN_FIELD"), null);
      }));

  static final List<Maker> PARTNER_MAKERS = List.of(
      partner("MISSING_PROJECT_ID", (b, r) -> r.put("project_id", missing(b)), "MISSING_PROJECT_ID"),
      partner("MISSING_PARTNER_NAME", (b, r) -> r.put("partner_name", missing(b)), "MISSING_PARTNER_NAME"),
      partner("MISSING_PARTNER_COUNTRY", (b, r) -> r.put("partner_country", missing(b)), "MISSING_PARTNER_COUNTRY"),
      partner("MISSING_PARTNER_TYPE", (b, r) -> r.put("partner_type", missing(b)), "MISSING_PARTNER_TYPE"),
      partner("MISSING_UPDATED_AT", (b, r) -> r.put("updated_at", missing(b)), "MISSING_UPDATED_AT"),
      partner("UNKNOWN_COUNTRY", (b, r) -> r.put("partner_country", b.pk().pick("badCountry", UNKNOWN_COUNTRIES)),
          "UNKNOWN_COUNTRY"),
      partner("UNKNOWN_PARTNER_TYPE", (b, r) -> r.put("partner_type", b.pk().pick("badPartnerType", UNKNOWN_PARTNER_TYPES)),
          "UNKNOWN_PARTNER_TYPE"),
      partner("DOMESTIC_PARTNER", (b, r) -> {
        r.put("partner_country", b.pk().pick("domestic", DOMESTIC_COUNTRIES));
        r.put("partner_name", b.pk().pick("domesticName", List.of("清华大学", "中国科学院物理研究所", "北京协和医院")));
      }, "DOMESTIC_PARTNER"),
      partner("BAD_UPDATED_AT", (b, r) -> r.put("updated_at", b.pk().pick("badUpdated", BAD_UPDATED)), "BAD_UPDATED_AT"),
      partner("UNKNOWN_COUNTRY+MISSING_PARTNER_TYPE", (b, r) -> {
        r.put("partner_country", b.pk().pick("badCountry", UNKNOWN_COUNTRIES));
        r.put("partner_type", missing(b));
      }, "UNKNOWN_COUNTRY", "MISSING_PARTNER_TYPE"),
      partner("DOMESTIC_PARTNER+BAD_UPDATED_AT", (b, r) -> {
        r.put("partner_country", b.pk().pick("domestic", DOMESTIC_COUNTRIES));
        r.put("updated_at", b.pk().pick("badUpdated", BAD_UPDATED));
      }, "DOMESTIC_PARTNER", "BAD_UPDATED_AT"),
      // valid rows whose project never becomes current: held back (pending), not quarantined
      new Maker("PENDING_NEVER_DELIVERED", b -> new Row(partnerRaw(b, b.freshProjectId()), reasons(), null)),
      new Maker("PENDING_PROJECT_QUARANTINED", b -> new Row(partnerRaw(b,
          b.quarantinedProjectId() != null ? b.quarantinedProjectId() : b.freshProjectId()), reasons(), null)));

  static TreeSet<String> reasons(String... codes) {
    return new TreeSet<>(List.of(codes));
  }

  private interface Defect {
    void apply(Base b, Map<String, Object> raw);
  }

  /** A new project (fresh id) of the subject, broken as the defect says. */
  private static Maker project(String name, Defect defect, String... reasons) {
    return new Maker(name, b -> {
      Clean.Project p = b.project();
      Clean.Project fresh = new Clean.Project(b.freshProjectId(), p.subjectId(), p.subjectName(), p.districtCode(),
          p.carrierType(), p.fieldCode(), p.modes(), p.startDate(), p.endDate() == null ? p.startDate().plusYears(2) : p.endDate(),
          p.amountYuan() == null ? 500_000L : p.amountYuan(), p.updatedAt(), p.contact(), List.of());
      Map<String, Object> raw = b.renderer().project(fresh, b.format(), b.pk());
      defect.apply(b, raw);
      boolean hasId = raw.get("project_id") instanceof String s && !s.isBlank();
      return new Row(raw, reasons(reasons), hasId ? b.freshProjectId() : null);
    });
  }

  /** A partner on one of the subject's current projects, broken as the defect says. */
  private static Maker partner(String name, Defect defect, String... reasons) {
    return new Maker(name, b -> {
      Map<String, Object> raw = partnerRaw(b, b.project().projectId());
      defect.apply(b, raw);
      return new Row(raw, reasons(reasons), null);
    });
  }

  private static Map<String, Object> partnerRaw(Base b, String projectId) {
    String country = b.pk().pick("badRowCountry", List.of("DE", "US", "JP", "FR", "GB"));
    Clean.Partner partner = new Clean.Partner(projectId, Realiser.Names.partner(country, "RESEARCH",
        new java.util.SplittableRandom(projectId.hashCode())) + " (report)", country, "RESEARCH",
        b.project().updatedAt().minusDays(3));
    return new LinkedHashMap<>(b.renderer().partner(partner, b.format(), b.pk()));
  }

  /** A missing value as deliveries write it: nothing, an empty string, blanks, or JSON null. */
  private static Object missing(Base b) {
    List<Object> options = b.format() == Format.JSONL
        ? java.util.Arrays.asList("", RawFiles.JSON_NULL, "   ", null)
        : java.util.Arrays.asList("", "   ", null);
    return b.pk().pick("missing", options);
  }
}
