package org.cooplake.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** The true, clean values behind the raw files (what data/sample/truth holds). */
final class Clean {
  private Clean() {}

  record Contact(String name, String phone, String email) {}

  record Partner(String projectId, String partnerName, String countryCode, String partnerType, LocalDateTime updatedAt) {}

  /** {@code modes}: sorted distinct codes; {@code endDate} and {@code amountYuan} may be null. */
  record Project(String projectId, String subjectId, String subjectName, String districtCode, String carrierType,
                 String fieldCode, List<String> modes, LocalDate startDate, LocalDate endDate, Long amountYuan,
                 LocalDateTime updatedAt, Contact contact, List<Partner> partners) {
    String modeClass() {
      return modes.size() > 1 ? "MULTIPLE" : modes.get(0);
    }
  }

  /** natureClass is null when the subject has no partner. */
  record Subject(String subjectId, String subjectName, String districtCode, String carrierType, String fieldCode,
                 int firstYear, String modeClass, String natureClass) {

    /**
     * A subject's attributes from its current projects, by GOLD_CONTRACT's definitions: those of
     * its most recently updated project; first year = earliest start; mode class and
     * partner-nature class MULTIPLE when two or more distinct values occur.
     */
    static Subject of(List<Project> projects) {
      Project latest = projects.stream().max(Comparator.comparing(Project::updatedAt)).orElseThrow();
      int firstYear = projects.stream().mapToInt(p -> p.startDate().getYear()).min().orElseThrow();
      TreeSet<String> modes = new TreeSet<>();
      TreeSet<String> types = new TreeSet<>();
      List<Partner> partners = new ArrayList<>();
      for (Project p : projects) {
        modes.addAll(p.modes());
        partners.addAll(p.partners());
      }
      partners.forEach(x -> types.add(x.partnerType()));
      return new Subject(latest.subjectId(), latest.subjectName(), latest.districtCode(), latest.carrierType(),
          latest.fieldCode(), firstYear, classOf(modes), types.isEmpty() ? null : classOf(types));
    }

    private static String classOf(TreeSet<String> values) {
      return values.size() > 1 ? "MULTIPLE" : values.first();
    }
  }
}
