package org.cooplake.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.cooplake.common.model.Feed;
import org.cooplake.jobs.generate.RawFiles.FileStyle;
import org.cooplake.jobs.generate.Spellings.Format;

/**
 * Writes one range of subjects: their rows go to the range's own nightly batch, with the messiness
 * of real deliveries — older versions and re-deliveries in the next batch's correction files,
 * stale copies, exact duplicates, partners a night early, bad rows and malformed records — and
 * keeps the truth of what it wrote (ledger, quarantine list, oracle, clean rows).
 * A range only ever appends to its own files, so ranges can run in parallel.
 */
final class RangeEmitter {
  /** How a raw row ends in silver: the design's current row, an older or duplicate copy, quarantine, or held back. */
  enum Outcome { CURRENT, SUPERSEDED, QUARANTINED, PENDING }

  enum Role {
    MAIN(""), CORRECTIONS("corrections-"), ADVANCE("advance-");

    final String prefix;

    Role(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Event rates per project / partner (the study uses them as exact proportions). */
  static final double PROJECT_REDELIVERED = 0.06;
  static final double PROJECT_STALE = 0.04;
  static final double PROJECT_DUPLICATE_IN_FILE = 0.03;
  static final double PROJECT_DUPLICATE_LATER = 0.03;
  static final double PARTNER_REDELIVERED = 0.04;
  static final double PARTNER_STALE = 0.03;
  static final double PARTNER_DUPLICATE_IN_FILE = 0.02;
  static final double PARTNER_DUPLICATE_LATER = 0.02;
  static final double PARTNERS_EARLY = 0.08;
  /** Chance per CSV / JSON Lines file of a wrong-field-count line or a malformed JSON line (its third record). */
  static final double MALFORMED_LINE_PER_FILE = 0.3;
  /** Chance per CSV file of an unterminated quote in its last record. */
  static final double UNTERMINATED_QUOTE_PER_FILE = 0.1;

  private final Generator.Plan plan;
  private final int range;
  private final Picker pk;
  final Generator.RangeResult result;
  private final Sink projects;
  private final Sink partners;
  private final Sink projectCorrections;
  private final Sink partnerCorrections;
  private final Sink partnersAdvance;
  private long freshIds;
  private String lastQuarantinedProjectId;

  RangeEmitter(Generator.Plan plan, int range) {
    this.plan = plan;
    this.range = range;
    this.pk = plan.rangePicker(range);
    this.result = new Generator.RangeResult(plan.reference());
    boolean hasNext = range + 1 < plan.batches();
    this.projects = new Sink(Feed.PROJECTS, range, Role.MAIN);
    this.partners = new Sink(Feed.PARTNERS, range, Role.MAIN);
    this.projectCorrections = hasNext ? new Sink(Feed.PROJECTS, range + 1, Role.CORRECTIONS) : null;
    this.partnerCorrections = hasNext ? new Sink(Feed.PARTNERS, range + 1, Role.CORRECTIONS) : null;
    this.partnersAdvance = range > 0 ? new Sink(Feed.PARTNERS, range - 1, Role.ADVANCE) : null;
  }

  Generator.RangeResult run() {
    for (long i = plan.rangeStart(range); i < plan.rangeStart(range + 1); i++) {
      List<Clean.Project> current = plan.realise(i);
      Clean.Subject subject = Clean.Subject.of(current);
      result.oracle.add(subject, current);
      if (plan.collectRows()) result.collect(subject, current);
      for (Clean.Project p : current) {
        emitProject(p);
        boolean early = partnersAdvance != null && !p.partners().isEmpty() && pk.chance("partnersEarly", PARTNERS_EARLY);
        for (Clean.Partner partner : p.partners()) emitPartner(p, partner, early ? partnersAdvance : partners);
      }
    }
    for (Sink s : new Sink[] {projects, partners, projectCorrections, partnerCorrections, partnersAdvance}) {
      if (s != null) s.close();
    }
    return result;
  }

  // ---------------------------------------------------------------- projects

  private void emitProject(Clean.Project p) {
    boolean later = projectCorrections != null;
    if (later && pk.chance("projectRedelivered", PROJECT_REDELIVERED)) {
      projects.emit((f, k) -> plan.renderer().project(older(p), f, k), Outcome.SUPERSEDED);
      projectCorrections.emit((f, k) -> plan.renderer().project(p, f, k), Outcome.CURRENT);
    } else if (later && pk.chance("projectStale", PROJECT_STALE)) {
      projects.emit((f, k) -> plan.renderer().project(p, f, k), Outcome.CURRENT);
      projectCorrections.emit((f, k) -> plan.renderer().project(older(p), f, k), Outcome.SUPERSEDED);
    } else if (pk.chance("projectDuplicateInFile", PROJECT_DUPLICATE_IN_FILE)) {
      Map<String, Object> raw = projects.emit((f, k) -> plan.renderer().project(p, f, k), Outcome.CURRENT);
      projects.emit((f, k) -> raw, Outcome.SUPERSEDED);
    } else if (later && pk.chance("projectDuplicateLater", PROJECT_DUPLICATE_LATER)) {
      // the very same row again in the next night's file (re-sent, not re-typed)
      Map<String, Object> raw = projects.emit((f, k) -> plan.renderer().project(p, f, k), Outcome.CURRENT);
      projectCorrections.emit((f, k) -> raw, Outcome.SUPERSEDED);
    } else {
      projects.emit((f, k) -> plan.renderer().project(p, f, k), Outcome.CURRENT);
    }
    if (pk.chance("badProject", plan.badRate())) {
      BadRows.Maker maker = pk.pick("projectMaker", BadRows.PROJECT_MAKERS);
      projects.emit((f, k) -> {
        BadRows.Row bad = maker.make().apply(base(p, f, k));
        if (bad.newProjectId() != null) lastQuarantinedProjectId = bad.newProjectId();
        return withReasons(bad);
      }, null);
    }
  }

  /** An earlier version of the project: older update time and one value that has changed since. */
  private Clean.Project older(Clean.Project p) {
    LocalDateTimeShift shift = new LocalDateTimeShift(1 + pk.pick("olderDays", 90), pk.pick("olderSeconds", 86_400));
    String field = p.fieldCode();
    List<String> modes = p.modes();
    String district = p.districtCode();
    String carrier = p.carrierType();
    String name = p.subjectName();
    Long amount = p.amountYuan();
    LocalDate end = p.endDate();
    switch (pk.pick("olderChange", 7)) {
      case 0 -> amount = amount == null ? 800_000L : amount * 2;
      case 1 -> field = next(List.copyOf(plan.reference().fields.keySet()), field);
      case 2 -> modes = modes.size() > 1 ? List.of(modes.get(0)) : List.of(next(StudyProfile.MODES, modes.get(0)));
      case 3 -> end = end == null ? p.startDate().plusYears(1) : null;
      case 4 -> district = district.equals("110108") ? "110105" : "110108";
      case 5 -> carrier = next(List.copyOf(plan.reference().carrierTypes.keySet()), carrier);
      default -> name = name + "（筹）";
    }
    return new Clean.Project(p.projectId(), p.subjectId(), name, district, carrier, field, List.copyOf(new TreeSet<>(modes)),
        p.startDate(), end, amount, shift.apply(p.updatedAt()), p.contact(), p.partners());
  }

  private record LocalDateTimeShift(int days, int seconds) {
    java.time.LocalDateTime apply(java.time.LocalDateTime t) {
      return t.minusDays(days).minusSeconds(seconds);
    }
  }

  // ---------------------------------------------------------------- partners

  private void emitPartner(Clean.Project p, Clean.Partner partner, Sink target) {
    boolean later = partnerCorrections != null;
    if (later && pk.chance("partnerRedelivered", PARTNER_REDELIVERED)) {
      target.emit((f, k) -> plan.renderer().partner(older(partner), f, k), Outcome.SUPERSEDED);
      partnerCorrections.emit((f, k) -> plan.renderer().partner(partner, f, k), Outcome.CURRENT);
    } else if (later && pk.chance("partnerStale", PARTNER_STALE)) {
      target.emit((f, k) -> plan.renderer().partner(partner, f, k), Outcome.CURRENT);
      partnerCorrections.emit((f, k) -> plan.renderer().partner(older(partner), f, k), Outcome.SUPERSEDED);
    } else if (pk.chance("partnerDuplicateInFile", PARTNER_DUPLICATE_IN_FILE)) {
      Map<String, Object> raw = target.emit((f, k) -> plan.renderer().partner(partner, f, k), Outcome.CURRENT);
      target.emit((f, k) -> raw, Outcome.SUPERSEDED);
    } else if (later && pk.chance("partnerDuplicateLater", PARTNER_DUPLICATE_LATER)) {
      Map<String, Object> raw = target.emit((f, k) -> plan.renderer().partner(partner, f, k), Outcome.CURRENT);
      partnerCorrections.emit((f, k) -> raw, Outcome.SUPERSEDED);
    } else {
      target.emit((f, k) -> plan.renderer().partner(partner, f, k), Outcome.CURRENT);
    }
    if (pk.chance("badPartner", plan.badRate())) {
      BadRows.Maker maker = pk.pick("partnerMaker", BadRows.PARTNER_MAKERS);
      partners.emit((f, k) -> withReasons(maker.make().apply(base(p, f, k))), null);
    }
  }

  /** An earlier version of a partner row: older, of another type, its name padded with spaces (same key once trimmed). */
  private Clean.Partner older(Clean.Partner p) {
    String type = next(StudyProfile.PARTNER_TYPES, p.partnerType());
    String name = pk.chance("olderPartnerPadded", 0.5) ? "  " + p.partnerName() + " " : p.partnerName();
    return new Clean.Partner(p.projectId(), name, p.countryCode(), type, p.updatedAt().minusDays(1 + pk.pick("olderDays", 60)));
  }

  // ---------------------------------------------------------------- bad rows

  private BadRows.Base base(Clean.Project p, Format format, Picker filePicker) {
    String fresh = plan.freshProjectId(p.startDate().getYear(), range, freshIds++);
    return new BadRows.Base(p, fresh, lastQuarantinedProjectId, format, filePicker, plan.renderer());
  }

  /** Carries the bad row's reasons to the sink (key "_reasons", never written). */
  private static Map<String, Object> withReasons(BadRows.Row bad) {
    Map<String, Object> raw = new LinkedHashMap<>(bad.raw());
    raw.put(REASONS_KEY, bad.reasons());
    return raw;
  }

  private static final String REASONS_KEY = "_reasons";

  private static String next(List<String> values, String current) {
    return values.get((values.indexOf(current) + 1) % values.size());
  }

  // ---------------------------------------------------------------- files

  /**
   * The files of one feed, batch and role: opened when the first row comes, rolled over at the
   * row cap, each with its own style; CSV and JSON Lines files may get a malformed record.
   */
  final class Sink {
    private final Feed feed;
    private final int batch;
    private final Role role;
    private int fileIndex;
    private RawFiles.Writer writer;
    private String relativePath;
    private FileStyle style;
    private Picker filePicker;
    private int cap;
    private boolean malformedPending;
    private boolean unterminatedAtEnd;
    private Map<String, Object> lastRaw;

    Sink(Feed feed, int batch, Role role) {
      this.feed = feed;
      this.batch = batch;
      this.role = role;
    }

    /**
     * Renders a row for the file it goes to and writes it. {@code outcome} null: a bad-row
     * maker's row, QUARANTINED with its reasons, or PENDING when it has none.
     */
    Map<String, Object> emit(BiFunction<Format, Picker, Map<String, Object>> render, Outcome outcome) {
      ensureFile();
      if (malformedPending && writer.records() == 2) writeMalformed();
      Map<String, Object> raw = render.apply(style.format(), filePicker);
      @SuppressWarnings("unchecked")
      TreeSet<String> reasons = (TreeSet<String>) raw.get(REASONS_KEY);
      if (outcome == null) outcome = reasons.isEmpty() ? Outcome.PENDING : Outcome.QUARANTINED;
      int record = writer.write(raw);
      result.ledger.count(feed, outcome);
      if (outcome == Outcome.QUARANTINED) result.quarantine.add(new Generator.Quarantined(relativePath, record, reasons));
      if (outcome == Outcome.CURRENT) lastRaw = raw;
      return raw;
    }

    private void ensureFile() {
      if (writer != null && writer.records() >= cap) closeFile();
      if (writer != null) return;
      fileIndex++;
      filePicker = plan.filePicker(feed, batch, role, fileIndex);
      style = plan.style(feed, filePicker);
      cap = style.format() == Format.XLSX ? plan.xlsxRowsPerFile() : plan.rowsPerFile();
      String name = feed.dirName() + "-" + role.prefix + Spellings.pad(fileIndex, 3) + "." + style.extension();
      Path dir = plan.batchDir(feed, batch);
      relativePath = plan.landing().relativize(dir.resolve(name)).toString().replace('\\', '/');
      List<String> columns = RawFiles.columns(feed, style, filePicker);
      writer = RawFiles.open(dir.resolve(name), feed, style, columns);
      boolean textFormat = style.format() != Format.XLSX;
      malformedPending = plan.badRate() > 0 && textFormat && filePicker.chance("malformedLine", MALFORMED_LINE_PER_FILE);
      unterminatedAtEnd = plan.badRate() > 0 && style.format() == Format.CSV
          && filePicker.chance("unterminatedQuote", UNTERMINATED_QUOTE_PER_FILE);
      lastRaw = null;
    }

    /** The file's third record is broken: a CSV line with too few fields, or a JSON object cut short. */
    private void writeMalformed() {
      malformedPending = false;
      String text = style.format() == Format.CSV
          ? (feed == Feed.PROJECTS ? "BJ-2018-0000X,S00000,北京断行科技有限公司" : "BJ-2018-0000X,Truncated Partner Ltd")
          : (feed == Feed.PROJECTS ? "{\"project_id\": \"BJ-2018-0000Y\", \"subject_id\": \"S00000\", \"district\": \"海淀区\", "
              : "{\"project_id\": \"BJ-2018-0000Y\", \"partner_name\": \"Cut Short GmbH\", \"partner_country\": ");
      int record = writer.writeRaw(text);
      result.ledger.count(feed, Outcome.QUARANTINED);
      result.quarantine.add(new Generator.Quarantined(relativePath, record, BadRows.reasons("MALFORMED_RECORD")));
    }

    private void closeFile() {
      if (writer == null) return;
      if (malformedPending && writer.records() > 0) writeMalformed();
      if (unterminatedAtEnd && lastRaw != null && writer instanceof RawFiles.Csv csv) {
        // a copy of the file's last current row whose last field opens a quote and never closes it:
        // a reader swallows only the rest of this record (it is the end of the file)
        int record = csv.writeUnterminated(lastRaw);
        result.ledger.count(feed, Outcome.QUARANTINED);
        result.quarantine.add(new Generator.Quarantined(relativePath, record, BadRows.reasons("MALFORMED_RECORD")));
      }
      result.files.merge(feed, (long) writer.records(), Long::sum);
      writer.close();
      writer = null;
    }

    void close() {
      closeFile();
    }
  }
}
