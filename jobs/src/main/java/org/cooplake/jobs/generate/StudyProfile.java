package org.cooplake.jobs.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The exact clean design of the study sample (../shared/contract/PAPER_FIGURES.md), laid out
 * constructively: every count below is a figure of the study or a value it leaves free (marked
 * "free"), and {@link #blueprints()} turns them into 365 subjects whose projects and partners
 * reproduce every figure by construction. A fixed seed only decorrelates attributes (which
 * district goes with which year); it never decides a count.
 *
 * <p>How the pieces fit: cooperations (foreign partner rows) are laid out first, per continent,
 * from the continent × field, continent × mode and country totals (with Germany, the United
 * Kingdom and the United States given field by field). Each cooperation then belongs to a
 * (field, mode class) cell. Subjects with partners get their latest project from a cell matching
 * their own field and mode class (a small max-flow chooses how many subjects of each field take
 * each mode class, within the cells' capacities), and the remaining cooperations go to
 * compatible subjects as more partners or older projects.
 */
public final class StudyProfile {
  private StudyProfile() {}

  public static final int FIRST_YEAR = 2012;
  public static final int LAST_YEAR = 2018;
  public static final int SUBJECTS = 365;
  private static final long DESIGN_SEED = 20230604L;

  // ---------------------------------------------------------------- subject-level figures

  /** New subjects by first year: cumulative 28, 43, 261, (free: 291, 319, 343), 365. */
  static final Map<Integer, Integer> NEW_SUBJECTS_BY_YEAR = years(
      2012, 28, 2013, 15, 2014, 218, 2015, 30, 2016, 28, 2017, 24, 2018, 22);

  /** Subjects by district: Haidian 164 (44.9%), Chaoyang 52 (14.2%), none in Pinggu; the rest free within the figures. */
  static final Map<String, Integer> DISTRICT_SUBJECTS = counts(
      "110108", 164, "110105", 52, "110114", 28, "110115", 24, "110106", 22, "110102", 16,
      "110101", 14, "110112", 9, "110107", 8, "110113", 8, "110111", 6, "110116", 5,
      "110109", 3, "110118", 3, "110119", 3);
  static final String DONGCHENG = "110101";
  static final String XICHENG = "110102";
  /** Of Dongcheng's 14 and Xicheng's 16 subjects, this many are in medicine and health (15 of 30). */
  static final int DONGCHENG_HEALTH = 7;
  static final int XICHENG_HEALTH = 8;

  static final Map<String, Integer> CARRIER_SUBJECTS = counts(
      "ENTERPRISE", 146, "UNIVERSITY", 117, "RESEARCH_INSTITUTE", 66, "INTERMEDIARY", 25, "SCIENCE_PARK", 11);

  /** Subjects by field (113 = 31%, 73 = 20%, then EQUIP > STSERV > NGIT > MATERIAL > the rest), split by whether they have partners. */
  static final Map<String, Integer> FIELD_SUBJECTS_WITH_PARTNERS = counts(
      "HEALTH", 100, "ENV", 64, "EQUIP", 35, "STSERV", 30, "NGIT", 25, "MATERIAL", 21,
      "AI", 11, "NEV", 11, "SOFTWARE", 10, "IC", 9, "OTHER", 6);
  static final Map<String, Integer> FIELD_SUBJECTS_WITHOUT_PARTNERS = counts(
      "HEALTH", 13, "ENV", 9, "EQUIP", 5, "STSERV", 4, "NGIT", 3, "MATERIAL", 3,
      "AI", 2, "NEV", 1, "SOFTWARE", 1, "IC", 1, "OTHER", 1);

  /** Subjects by mode class: 212 MULTIPLE (58%), 56 RD, 49 TRANSFER, 26 MARKET (7%), 18 TALENT (5%), 4 STANDARD (1%). */
  static final Map<String, Integer> MODE_SUBJECTS_WITH_PARTNERS = counts(
      "MULTIPLE", 192, "RD", 48, "TRANSFER", 42, "MARKET", 22, "TALENT", 15, "STANDARD", 3);
  static final Map<String, Integer> MODE_SUBJECTS_WITHOUT_PARTNERS = counts(
      "MULTIPLE", 20, "RD", 8, "TRANSFER", 7, "MARKET", 4, "TALENT", 3, "STANDARD", 1);

  /** Table 1 of the study: 322 subjects with known partners (the other 43 have none). */
  static final Map<String, Integer> NATURE_SUBJECTS = counts(
      "MULTIPLE", 214, "ENTERPRISE", 52, "UNIVERSITY", 40, "RESEARCH", 6, "GOVERNMENT", 3,
      "INTL_ORG", 1, "INDUSTRY_ORG", 6);

  // ---------------------------------------------------------------- cooperation-level figures

  /** One continent's cooperations: field and mode-class totals, countries (explicit field tables for some). */
  record ContinentDesign(String continent, Map<String, Integer> fields, Map<String, Integer> modes,
                         Map<String, Integer> countries, Map<String, Map<String, Integer>> countryFields) {}

  /**
   * 1,000 foreign cooperations in 89 countries. Europe 431 (43.1%), North America 257 (25.7%),
   * Asia 240 (24.0%), Oceania 25, Africa 25, South America 22 (each under 5%). The smaller
   * countries' counts are free.
   */
  static final List<ContinentDesign> CONTINENTS = List.of(
      new ContinentDesign("EUROPE",
          counts("ENV", 90, "HEALTH", 75, "EQUIP", 65, "MATERIAL", 45, "STSERV", 40, "NGIT", 35,
              "NEV", 25, "AI", 20, "IC", 15, "SOFTWARE", 12, "OTHER", 9),
          counts("MULTIPLE", 201, "RD", 90, "TRANSFER", 60, "MARKET", 40, "TALENT", 25, "STANDARD", 15),
          counts("DE", 85, "GB", 78, "FR", 36, "RU", 31, "IT", 29, "NL", 26, "SE", 22, "EU", 20, "FI", 17,
              "CH", 15, "ES", 11, "AT", 9, "NO", 8, "BE", 8, "DK", 7, "PL", 6, "IE", 5, "PT", 4, "CZ", 3,
              "HU", 3, "GR", 2, "UA", 1, "BY", 1, "RO", 1, "SK", 1, "SI", 1, "HR", 1),
          Map.of(
              // Germany leads new-energy vehicles by one over the United States
              "DE", counts("ENV", 18, "EQUIP", 14, "HEALTH", 13, "MATERIAL", 12, "STSERV", 11, "NEV", 8,
                  "NGIT", 3, "IC", 2, "AI", 2, "SOFTWARE", 2),
              "GB", counts("ENV", 16, "HEALTH", 13, "EQUIP", 12, "MATERIAL", 11, "STSERV", 11, "NGIT", 4,
                  "NEV", 3, "AI", 3, "IC", 2, "SOFTWARE", 2, "OTHER", 1))),
      new ContinentDesign("NORTH_AMERICA",
          counts("HEALTH", 62, "ENV", 43, "EQUIP", 32, "STSERV", 25, "NGIT", 24, "MATERIAL", 22,
              "AI", 13, "IC", 12, "SOFTWARE", 10, "NEV", 9, "OTHER", 5),
          counts("MULTIPLE", 119, "RD", 55, "TRANSFER", 40, "MARKET", 25, "TALENT", 11, "STANDARD", 7),
          counts("US", 203, "CA", 44, "MX", 4, "CU", 2, "CR", 1, "PA", 1, "JM", 1, "DO", 1),
          Map.of("US", counts("HEALTH", 50, "ENV", 35, "EQUIP", 25, "STSERV", 20, "NGIT", 18, "MATERIAL", 17,
              "AI", 10, "IC", 9, "SOFTWARE", 8, "NEV", 7, "OTHER", 4))),
      new ContinentDesign("ASIA",
          counts("HEALTH", 56, "ENV", 35, "EQUIP", 30, "NGIT", 28, "STSERV", 22, "MATERIAL", 20,
              "NEV", 14, "AI", 14, "IC", 10, "SOFTWARE", 7, "OTHER", 4),
          counts("MULTIPLE", 100, "TRANSFER", 50, "RD", 40, "MARKET", 28, "TALENT", 15, "STANDARD", 7),
          counts("JP", 58, "KR", 40, "IN", 24, "SG", 19, "IL", 16, "PK", 14, "TH", 13, "MY", 12, "VN", 5,
              "ID", 4, "PH", 4, "AE", 4, "SA", 3, "KZ", 2, "MN", 2, "NP", 2, "LK", 2, "BD", 2, "IR", 2,
              "QA", 2, "KW", 1, "UZ", 1, "JO", 1, "OM", 1, "KH", 1, "LA", 1, "MM", 1, "BH", 1, "BN", 1,
              "LB", 1),
          Map.of()),
      new ContinentDesign("OCEANIA",
          counts("HEALTH", 8, "ENV", 4, "EQUIP", 3, "MATERIAL", 2, "NGIT", 2, "STSERV", 2, "AI", 1,
              "IC", 1, "NEV", 1, "SOFTWARE", 1),
          counts("MULTIPLE", 11, "RD", 6, "TRANSFER", 4, "MARKET", 2, "TALENT", 1, "STANDARD", 1),
          counts("AU", 10, "NZ", 9, "FJ", 2, "PG", 2, "WS", 1, "VU", 1),
          Map.of()),
      new ContinentDesign("AFRICA",
          counts("STSERV", 8, "ENV", 5, "HEALTH", 4, "NGIT", 3, "EQUIP", 2, "OTHER", 2, "MATERIAL", 1),
          counts("MULTIPLE", 10, "MARKET", 6, "RD", 3, "TRANSFER", 3, "TALENT", 2, "STANDARD", 1),
          counts("ZA", 7, "EG", 4, "KE", 3, "NG", 3, "ET", 2, "MA", 1, "TZ", 1, "GH", 1, "DZ", 1,
              "TN", 1, "SN", 1),
          Map.of()),
      new ContinentDesign("SOUTH_AMERICA",
          counts("ENV", 6, "NGIT", 6, "HEALTH", 3, "EQUIP", 2, "STSERV", 2, "MATERIAL", 2, "OTHER", 1),
          counts("MULTIPLE", 9, "MARKET", 5, "RD", 3, "TRANSFER", 3, "TALENT", 1, "STANDARD", 1),
          counts("BR", 8, "AR", 5, "CL", 4, "CO", 2, "PE", 1, "VE", 1, "UY", 1),
          Map.of()));

  /**
   * Partners in Hong Kong, Macao and Taiwan (港澳台): kept apart from the foreign-country figures.
   * They go to subjects whose partner-nature class is MULTIPLE already, so they change no figure.
   */
  static final List<Blueprint.Partner> HMT_PARTNERS = List.of(
      new Blueprint.Partner("HK", "UNIVERSITY"), new Blueprint.Partner("HK", "ENTERPRISE"),
      new Blueprint.Partner("MO", "UNIVERSITY"), new Blueprint.Partner("TW", "RESEARCH"));

  static final List<String> MODES = List.of("RD", "TRANSFER", "MARKET", "TALENT", "STANDARD");
  static final List<String> PARTNER_TYPES = List.of(
      "UNIVERSITY", "ENTERPRISE", "RESEARCH", "GOVERNMENT", "INTL_ORG", "INDUSTRY_ORG");

  /** The mode sets multi-mode projects use, in turn (free). */
  private static final List<List<String>> MODE_COMBINATIONS = List.of(
      List.of("RD", "TRANSFER"), List.of("MARKET", "RD"), List.of("RD", "TALENT"),
      List.of("MARKET", "TRANSFER"), List.of("MARKET", "RD", "TRANSFER"), List.of("RD", "STANDARD"),
      List.of("TALENT", "TRANSFER"), List.of("MARKET", "TALENT"), List.of("RD", "TALENT", "TRANSFER"),
      List.of("MARKET", "RD", "STANDARD", "TRANSFER"), List.of("STANDARD", "TRANSFER"),
      List.of("MARKET", "RD", "STANDARD", "TALENT", "TRANSFER"));

  /** Older projects of a few subjects were registered in another district (the subject moved). */
  private static final List<String> FORMER_DISTRICTS = List.of("110117", "110105", "110108", "110114", "110106");
  private static final int MOVED_EVERY = 20;

  private static final List<Blueprint.Subject> DESIGN = build();

  /** The 365 subjects, in subject-number order (S00001 first). */
  public static List<Blueprint.Subject> blueprints() {
    return DESIGN;
  }

  // ---------------------------------------------------------------- construction

  record Cooperation(String country, String field, String modeClass) {}

  /** A subject while it is being laid out. */
  private static final class Draft {
    final String field;
    final String mode;
    String nature;
    String district;
    String carrier;
    int firstYear;
    final List<Cooperation> cooperations = new ArrayList<>();

    Draft(String field, String mode) {
      this.field = field;
      this.mode = mode;
    }

    boolean accepts(Cooperation c) {
      return mode.equals("MULTIPLE") || mode.equals(c.modeClass());
    }

    boolean hasCell(Cooperation c) {
      for (Cooperation o : cooperations) {
        if (o.field().equals(c.field()) && o.modeClass().equals(c.modeClass())) return true;
      }
      return false;
    }
  }

  private static List<Blueprint.Subject> build() {
    SplittableRandom rng = new SplittableRandom(DESIGN_SEED);
    List<Cooperation> cooperations = cooperations(rng);

    // the (field, mode class) cells and their cooperations, shuffled so countries mix
    List<Cooperation> shuffled = new ArrayList<>(cooperations);
    Collections.shuffle(shuffled, new java.util.Random(rng.nextLong()));
    Map<String, Deque<Cooperation>> pools = new LinkedHashMap<>();
    for (Cooperation c : shuffled) pools.computeIfAbsent(cell(c.field(), c.modeClass()), k -> new ArrayDeque<>()).add(c);

    // subjects with partners: their latest project's cell, within the cells' capacity
    List<Draft> withPartners = new ArrayList<>();
    Map<String, Integer> primaryCells = primaryCells(pools);
    for (Map.Entry<String, Integer> e : primaryCells.entrySet()) {
      String[] fm = e.getKey().split("/");
      for (int i = 0; i < e.getValue(); i++) withPartners.add(new Draft(fm[0], fm[1]));
    }
    shuffle(withPartners, rng);
    List<String> natures = shuffled(tokens(NATURE_SUBJECTS), rng);
    for (int i = 0; i < withPartners.size(); i++) withPartners.get(i).nature = natures.get(i);

    List<Draft> withoutPartners = new ArrayList<>();
    List<String> lonelyFields = shuffled(tokens(FIELD_SUBJECTS_WITHOUT_PARTNERS), rng);
    List<String> lonelyModes = shuffled(tokens(MODE_SUBJECTS_WITHOUT_PARTNERS), rng);
    for (int i = 0; i < lonelyFields.size(); i++) withoutPartners.add(new Draft(lonelyFields.get(i), lonelyModes.get(i)));

    List<Draft> all = new ArrayList<>(withPartners);
    all.addAll(withoutPartners);
    shuffle(all, rng);
    if (all.size() != SUBJECTS) throw new IllegalStateException("design has " + all.size() + " subjects");
    assignDistricts(all, rng);
    List<String> carriers = shuffled(tokens(CARRIER_SUBJECTS), rng);
    List<Integer> years = shuffled(yearTokens(), rng);
    for (int i = 0; i < all.size(); i++) {
      all.get(i).carrier = carriers.get(i);
      all.get(i).firstYear = years.get(i);
    }
    // subject numbers follow registration: the earliest active subjects first
    all.sort(Comparator.comparingInt(d -> d.firstYear));

    distributeCooperations(all, pools);

    int[] combination = {0};
    int multiProject = 0;
    List<Blueprint.Subject> subjects = new ArrayList<>();
    for (Draft d : all) {
      SplittableRandom subjectRng = rng.split();
      List<Blueprint.Project> projects = d.nature == null
          ? projectsWithoutPartners(d, subjectRng, combination)
          : projectsWithPartners(d, subjectRng, combination);
      if (projects.size() > 1 && multiProject++ % MOVED_EVERY == 0) projects = movedOnce(projects, multiProject / MOVED_EVERY);
      subjects.add(new Blueprint.Subject(List.copyOf(projects)));
    }
    return List.copyOf(addHmtPartners(subjects, all));
  }

  /** The 1,000 cooperations: per continent, country by country, each with a field and a mode class. */
  static List<Cooperation> cooperations(SplittableRandom rng) {
    List<Cooperation> out = new ArrayList<>();
    for (ContinentDesign cd : CONTINENTS) {
      List<String[]> countryFields = new ArrayList<>();
      Map<String, Integer> remaining = new LinkedHashMap<>(cd.fields());
      for (Map.Entry<String, Integer> country : cd.countries().entrySet()) {
        Map<String, Integer> explicit = cd.countryFields().get(country.getKey());
        if (explicit == null) continue;
        if (sum(explicit) != country.getValue()) throw new IllegalStateException("fields of " + country.getKey());
        for (Map.Entry<String, Integer> f : explicit.entrySet()) {
          for (int i = 0; i < f.getValue(); i++) countryFields.add(new String[] {country.getKey(), f.getKey()});
          remaining.merge(f.getKey(), -f.getValue(), Integer::sum);
        }
      }
      // the other countries take consecutive runs of an evenly interleaved field sequence,
      // so each gets about the continent's field mix
      List<String> fieldSequence = interleave(remaining);
      int next = 0;
      for (Map.Entry<String, Integer> country : cd.countries().entrySet()) {
        if (cd.countryFields().containsKey(country.getKey())) continue;
        for (int i = 0; i < country.getValue(); i++) countryFields.add(new String[] {country.getKey(), fieldSequence.get(next++)});
      }
      List<String> modes = shuffled(tokens(cd.modes()), rng);
      if (next != fieldSequence.size() || modes.size() != countryFields.size() || sum(cd.fields()) != modes.size()) {
        throw new IllegalStateException("continent " + cd.continent() + " does not add up");
      }
      for (int i = 0; i < countryFields.size(); i++) {
        out.add(new Cooperation(countryFields.get(i)[0], countryFields.get(i)[1], modes.get(i)));
      }
    }
    return out;
  }

  /**
   * How many subjects with partners take their latest project from each (field, mode class) cell:
   * a max-flow from the field totals to the mode-class totals through the cells' capacities.
   */
  private static Map<String, Integer> primaryCells(Map<String, Deque<Cooperation>> pools) {
    List<String> fields = new ArrayList<>(FIELD_SUBJECTS_WITH_PARTNERS.keySet());
    List<String> modes = new ArrayList<>(MODE_SUBJECTS_WITH_PARTNERS.keySet());
    int nf = fields.size();
    int nm = modes.size();
    int source = 0;
    int sink = 1 + nf + nm;
    int[][] capacity = new int[sink + 1][sink + 1];
    for (int f = 0; f < nf; f++) {
      capacity[source][1 + f] = FIELD_SUBJECTS_WITH_PARTNERS.get(fields.get(f));
      for (int m = 0; m < nm; m++) {
        Deque<Cooperation> pool = pools.get(cell(fields.get(f), modes.get(m)));
        capacity[1 + f][1 + nf + m] = pool == null ? 0 : pool.size();
      }
    }
    for (int m = 0; m < nm; m++) capacity[1 + nf + m][sink] = MODE_SUBJECTS_WITH_PARTNERS.get(modes.get(m));
    int[][] flow = MaxFlow.solve(capacity, source, sink);
    Map<String, Integer> cells = new LinkedHashMap<>();
    int total = 0;
    for (int f = 0; f < nf; f++) {
      for (int m = 0; m < nm; m++) {
        int n = flow[1 + f][1 + nf + m];
        if (n > 0) cells.put(cell(fields.get(f), modes.get(m)), n);
        total += n;
      }
    }
    if (total != sum(FIELD_SUBJECTS_WITH_PARTNERS)) {
      throw new IllegalStateException("cooperation cells cannot hold the subjects' field/mode mix (" + total + ")");
    }
    return cells;
  }

  /** Dongcheng and Xicheng get 15 health subjects and 15 others; the other districts the rest. */
  private static void assignDistricts(List<Draft> all, SplittableRandom rng) {
    Deque<String> healthDongXi = new ArrayDeque<>();
    Deque<String> otherDongXi = new ArrayDeque<>();
    for (int i = 0; i < DONGCHENG_HEALTH; i++) healthDongXi.add(DONGCHENG);
    for (int i = 0; i < XICHENG_HEALTH; i++) healthDongXi.add(XICHENG);
    for (int i = 0; i < DISTRICT_SUBJECTS.get(DONGCHENG) - DONGCHENG_HEALTH; i++) otherDongXi.add(DONGCHENG);
    for (int i = 0; i < DISTRICT_SUBJECTS.get(XICHENG) - XICHENG_HEALTH; i++) otherDongXi.add(XICHENG);
    Map<String, Integer> rest = new LinkedHashMap<>(DISTRICT_SUBJECTS);
    rest.remove(DONGCHENG);
    rest.remove(XICHENG);
    Deque<String> others = new ArrayDeque<>(shuffled(tokens(rest), rng));
    for (Draft d : all) {
      Deque<String> from = d.field.equals("HEALTH") ? healthDongXi : otherDongXi;
      d.district = from.isEmpty() ? others.pop() : from.pop();
    }
    if (!healthDongXi.isEmpty() || !otherDongXi.isEmpty() || !others.isEmpty()) throw new IllegalStateException("districts");
  }

  /**
   * Every subject with partners takes one cooperation of its own cell (its latest project);
   * subjects of partner-nature MULTIPLE take a second one; the rest go, each to a compatible
   * subject (same mode class, or a MULTIPLE one), preferring one that already has that cell
   * (a further partner on the same project) and otherwise the least loaded.
   */
  private static void distributeCooperations(List<Draft> all, Map<String, Deque<Cooperation>> pools) {
    List<Draft> partnered = all.stream().filter(d -> d.nature != null).toList();
    for (Draft d : partnered) d.cooperations.add(pools.get(cell(d.field, d.mode)).pop());
    int turn = 0;
    for (Draft d : partnered) {
      if (!d.nature.equals("MULTIPLE")) continue;
      boolean sameCell = turn++ % 2 == 0;
      Deque<Cooperation> pool = sameCell ? pools.get(cell(d.field, d.mode)) : null;
      if (pool == null || pool.isEmpty()) pool = largestCompatiblePool(d, pools);
      d.cooperations.add(pool.pop());
    }
    for (Deque<Cooperation> pool : pools.values()) {
      while (!pool.isEmpty()) {
        Cooperation c = pool.pop();
        Draft best = null;
        for (Draft d : partnered) {
          if (!d.accepts(c)) continue;
          if (best == null || rank(d, c) < rank(best, c)) best = d;
        }
        Objects.requireNonNull(best, "no subject accepts " + c).cooperations.add(c);
      }
    }
  }

  private static final int SAME_PROJECT_LIMIT = 4;

  private static int rank(Draft d, Cooperation c) {
    boolean joins = d.hasCell(c) && d.cooperations.size() < SAME_PROJECT_LIMIT;
    return (joins ? 0 : 1000) + d.cooperations.size();
  }

  private static Deque<Cooperation> largestCompatiblePool(Draft d, Map<String, Deque<Cooperation>> pools) {
    Deque<Cooperation> best = null;
    for (Deque<Cooperation> pool : pools.values()) {
      if (pool.isEmpty() || !d.accepts(pool.peek())) continue;
      if (best == null || pool.size() > best.size()) best = pool;
    }
    return Objects.requireNonNull(best, "no cooperation left for a subject");
  }

  private static List<Blueprint.Project> projectsWithPartners(Draft d, SplittableRandom rng, int[] combination) {
    List<String> types = partnerTypes(d, rng);
    Map<String, List<Blueprint.Partner>> byCell = new LinkedHashMap<>();
    for (int i = 0; i < d.cooperations.size(); i++) {
      Cooperation c = d.cooperations.get(i);
      byCell.computeIfAbsent(cell(c.field(), c.modeClass()), k -> new ArrayList<>())
          .add(new Blueprint.Partner(c.country(), types.get(i)));
    }
    List<String[]> shapes = new ArrayList<>();
    List<List<Blueprint.Partner>> partnerLists = new ArrayList<>();
    for (Map.Entry<String, List<Blueprint.Partner>> e : byCell.entrySet()) {
      List<Blueprint.Partner> partners = e.getValue();
      for (int from = 0; from < partners.size(); from += SAME_PROJECT_LIMIT) {
        shapes.add(e.getKey().split("/"));
        partnerLists.add(partners.subList(from, Math.min(partners.size(), from + SAME_PROJECT_LIMIT)));
      }
    }
    List<Integer> startYears = startYears(d.firstYear, shapes.size(), rng);
    List<Blueprint.Project> projects = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      projects.add(new Blueprint.Project(shapes.get(i)[0], modesOf(shapes.get(i)[1], combination), startYears.get(i),
          d.district, d.carrier, List.copyOf(partnerLists.get(i))));
    }
    return projects;
  }

  /**
   * Subjects without partners: one project, or two for some — two different single modes for
   * part of the MULTIPLE ones (their class comes from the union of their projects' modes).
   */
  private static List<Blueprint.Project> projectsWithoutPartners(Draft d, SplittableRandom rng, int[] combination) {
    List<String> fieldsInTurn = new ArrayList<>(FIELD_SUBJECTS_WITH_PARTNERS.keySet());
    List<List<String>> modeSets = new ArrayList<>();
    boolean twoProjects = rng.nextInt(5) < 2;
    if (d.mode.equals("MULTIPLE") && twoProjects) {
      int a = rng.nextInt(MODES.size());
      int b = (a + 1 + rng.nextInt(MODES.size() - 1)) % MODES.size();
      modeSets.add(List.of(MODES.get(a)));
      modeSets.add(List.of(MODES.get(b)));
    } else {
      modeSets.add(modesOf(d.mode, combination));
      if (twoProjects) modeSets.add(List.of(d.mode));
    }
    List<Integer> startYears = startYears(d.firstYear, modeSets.size(), rng);
    List<Blueprint.Project> projects = new ArrayList<>();
    for (int i = 0; i < modeSets.size(); i++) {
      String field = i == 0 ? d.field : fieldsInTurn.get(rng.nextInt(fieldsInTurn.size()));
      projects.add(new Blueprint.Project(field, modeSets.get(i), startYears.get(i), d.district, d.carrier, List.of()));
    }
    return projects;
  }

  /** Partner types: the subject's one nature, or for MULTIPLE at least two different types. */
  private static List<String> partnerTypes(Draft d, SplittableRandom rng) {
    int n = d.cooperations.size();
    List<String> types = new ArrayList<>();
    if (!d.nature.equals("MULTIPLE")) {
      for (int i = 0; i < n; i++) types.add(d.nature);
      return types;
    }
    if (n < 2) throw new IllegalStateException("a MULTIPLE-nature subject needs two partners");
    // mostly universities, enterprises and research institutions, like the study's partners
    List<String> common = List.of("UNIVERSITY", "ENTERPRISE", "RESEARCH", "UNIVERSITY", "ENTERPRISE", "GOVERNMENT",
        "INDUSTRY_ORG", "INTL_ORG");
    String first = common.get(rng.nextInt(common.size()));
    String second;
    do {
      second = common.get(rng.nextInt(common.size()));
    } while (second.equals(first));
    types.add(first);
    types.add(second);
    for (int i = 2; i < n; i++) types.add(common.get(rng.nextInt(common.size())));
    return types;
  }

  /** The last (least recently updated) project starts in the first year; the others any year from then on. */
  private static List<Integer> startYears(int firstYear, int projects, SplittableRandom rng) {
    List<Integer> years = new ArrayList<>();
    for (int i = 0; i < projects; i++) {
      years.add(i == projects - 1 ? firstYear : firstYear + rng.nextInt(LAST_YEAR - firstYear + 1));
    }
    return years;
  }

  private static List<String> modesOf(String modeClass, int[] combination) {
    if (!modeClass.equals("MULTIPLE")) return List.of(modeClass);
    List<String> modes = MODE_COMBINATIONS.get(combination[0]++ % MODE_COMBINATIONS.size());
    return List.copyOf(new TreeSet<>(modes));
  }

  /** The subject's oldest project was registered in another district (and sometimes as another carrier type). */
  private static List<Blueprint.Project> movedOnce(List<Blueprint.Project> projects, int nth) {
    List<Blueprint.Project> out = new ArrayList<>(projects);
    Blueprint.Project oldest = out.get(out.size() - 1);
    String former = FORMER_DISTRICTS.get(nth % FORMER_DISTRICTS.size());
    if (former.equals(oldest.districtCode())) former = FORMER_DISTRICTS.get((nth + 1) % FORMER_DISTRICTS.size());
    String carrier = nth % 2 == 1 && !oldest.carrierType().equals("SCIENCE_PARK") ? "SCIENCE_PARK" : oldest.carrierType();
    out.set(out.size() - 1, new Blueprint.Project(oldest.fieldCode(), oldest.modes(), oldest.startYear(), former,
        carrier, oldest.partners()));
    return out;
  }

  private static List<Blueprint.Subject> addHmtPartners(List<Blueprint.Subject> subjects, List<Draft> drafts) {
    List<Blueprint.Subject> out = new ArrayList<>(subjects);
    int next = 0;
    for (int i = 0; i < out.size() && next < HMT_PARTNERS.size(); i++) {
      if (!"MULTIPLE".equals(drafts.get(i).nature)) continue;
      List<Blueprint.Project> projects = new ArrayList<>(out.get(i).projects());
      Blueprint.Project latest = projects.get(0);
      List<Blueprint.Partner> partners = new ArrayList<>(latest.partners());
      partners.add(HMT_PARTNERS.get(next++));
      projects.set(0, new Blueprint.Project(latest.fieldCode(), latest.modes(), latest.startYear(), latest.districtCode(),
          latest.carrierType(), List.copyOf(partners)));
      out.set(i, new Blueprint.Subject(List.copyOf(projects)));
    }
    return out;
  }

  // ---------------------------------------------------------------- small helpers

  static String cell(String field, String modeClass) {
    return field + "/" + modeClass;
  }

  /**
   * The tokens of {@code counts} spread evenly: the k-th of n tokens of a kind sits at (k + 0.5) / n
   * of the sequence (ties keep the map's order).
   */
  static List<String> interleave(Map<String, Integer> counts) {
    record Slot(double at, int kind, String token) {}
    List<Slot> slots = new ArrayList<>();
    int kind = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() < 0) throw new IllegalStateException("negative count for " + e.getKey());
      for (int k = 0; k < e.getValue(); k++) slots.add(new Slot((k + 0.5) / e.getValue(), kind, e.getKey()));
      kind++;
    }
    slots.sort(Comparator.comparingDouble(Slot::at).thenComparingInt(Slot::kind));
    return slots.stream().map(Slot::token).toList();
  }

  static List<String> tokens(Map<String, Integer> counts) {
    List<String> out = new ArrayList<>();
    counts.forEach((k, n) -> {
      for (int i = 0; i < n; i++) out.add(k);
    });
    return out;
  }

  private static List<Integer> yearTokens() {
    List<Integer> out = new ArrayList<>();
    NEW_SUBJECTS_BY_YEAR.forEach((y, n) -> {
      for (int i = 0; i < n; i++) out.add(y);
    });
    return out;
  }

  private static <T> List<T> shuffled(List<T> list, SplittableRandom rng) {
    List<T> out = new ArrayList<>(list);
    shuffle(out, rng);
    return out;
  }

  private static <T> void shuffle(List<T> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) Collections.swap(list, i, rng.nextInt(i + 1));
  }

  static int sum(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Map<String, Integer> counts(Object... keyValues) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (m.put((String) keyValues[i], (Integer) keyValues[i + 1]) != null) throw new IllegalStateException("twice: " + keyValues[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  private static Map<Integer, Integer> years(int... yearValues) {
    Map<Integer, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < yearValues.length; i += 2) m.put(yearValues[i], yearValues[i + 1]);
    return Collections.unmodifiableMap(m);
  }
}
