package org.cooplake.common.silver;

import java.util.ArrayList;
import java.util.List;
import org.cooplake.common.config.CooplakeConfig;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.quality.Check;

/**
 * The declared checks on the silver tables, run by the quality gate after every clean run. The
 * Delta constraints already refuse bad single rows; these cover what a row-level constraint cannot
 * see: keys, relationships between tables, and the incrementally maintained subjects.
 */
public final class SilverChecks {
  private SilverChecks() {}

  public static List<Check> all(CooplakeConfig config) {
    String projects = config.table(Layer.SILVER, SilverTables.PROJECTS);
    String partners = config.table(Layer.SILVER, SilverTables.PROJECT_PARTNERS);
    String pending = config.table(Layer.SILVER, SilverTables.PENDING_PARTNERS);
    String subjects = config.table(Layer.SILVER, SilverTables.SUBJECTS);
    String quarantine = config.table(Layer.SILVER, SilverTables.QUARANTINE);
    List<Check> checks = new ArrayList<>();

    checks.add(Check.unique(projects, "project_id"));

    checks.add(Check.unique(partners, "project_id", "partner_key"));
    checks.add(Check.relationship(partners, "project_id", projects, "project_id"));
    checks.add(Check.relationship(partners, "country_code", DimTables.table(config, DimTables.COUNTRIES), "country_code"));
    // a parked partner whose project is there should have been released
    checks.add(new Check(pending, "project_not_arrived",
        "SELECT p.project_id, p._source_file, p._row_number FROM " + pending + " p LEFT SEMI JOIN " + projects
            + " c ON p.project_id = c.project_id"));

    checks.add(Check.unique(subjects, "subject_id"));
    // subjects are maintained incrementally: one row per subject of the current projects, no other
    // (also every project's subject exists), with the right count
    String recomputed = "SELECT subject_id, count(*) AS projects FROM " + projects + " GROUP BY subject_id";
    checks.add(new Check(subjects, "projects_count_matches",
        "SELECT s.subject_id, s.projects, r.projects AS recomputed FROM " + subjects + " s FULL OUTER JOIN (" + recomputed
            + ") r ON s.subject_id = r.subject_id WHERE NOT (s.projects <=> r.projects)"));

    checks.add(Check.unique(quarantine, "feed", "source_file", "row_number"));
    return checks;
  }
}
