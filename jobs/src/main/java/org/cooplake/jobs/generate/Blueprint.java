package org.cooplake.jobs.generate;

import java.util.List;

/**
 * The clean structure of one subject as {@link StudyProfile} lays it out: codes, years and
 * partner countries, but no concrete dates, amounts, names or ids ({@link Realiser} adds those).
 */
final class Blueprint {
  private Blueprint() {}

  record Partner(String countryCode, String partnerType) {}

  /** {@code modes}: sorted distinct mode codes; two or more make the project MULTIPLE. */
  record Project(String fieldCode, List<String> modes, int startYear, String districtCode,
                 String carrierType, List<Partner> partners) {
    String modeClass() {
      return modes.size() > 1 ? "MULTIPLE" : modes.get(0);
    }
  }

  /**
   * A subject's projects, most recently updated first: the first one gives the subject its
   * district, carrier type and field.
   */
  record Subject(List<Project> projects) {
    Project latest() {
      return projects.get(0);
    }
  }
}
