package org.cooplake.jobs.generate;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.reference.Csv;
import org.cooplake.common.run.RunContext;
import org.cooplake.common.test.PaperFigures;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.common.test.TruthTables;
import org.cooplake.jobs.AggregateJob;
import org.cooplake.jobs.SilverFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gold on the study's exact clean design, without ingest and clean: silver is written straight
 * from {@link StudyProfile#blueprints()} (365 subjects, their projects and partners), the aggregate
 * stage runs, and then every figure of PAPER_FIGURES.md must come out of gold, and every gold table
 * must equal what the generator's independent plain-Java {@link GoldOracle} computes from the same
 * values. Failures here are gold's (or the oracle's), never cleaning's.
 */
class GoldOnStudyDesignTest extends SparkTestBase {
  private final GoldOracle oracle = new GoldOracle(Reference.get());

  @BeforeAll
  void silverFromTheDesignAndOneAggregateRun() {
    Reference ref = Reference.get();
    List<Row> projects = new ArrayList<>();
    List<Row> partners = new ArrayList<>();
    List<Row> subjects = new ArrayList<>();
    int subjectNumber = 0;
    int projectNumber = 0;
    for (Blueprint.Subject bs : StudyProfile.blueprints()) {
      String subjectId = String.format(Locale.ROOT, "S%05d", ++subjectNumber);
      List<Clean.Project> clean = new ArrayList<>();
      int age = 0; // the blueprint lists the most recently updated project first
      for (Blueprint.Project bp : bs.projects()) {
        String projectId = String.format(Locale.ROOT, "BJ-%d-%05d", bp.startYear(), ++projectNumber);
        LocalDateTime updated = LocalDateTime.of(2019, 1, 1, 0, 0).minusDays(age++);
        List<Clean.Partner> cleanPartners = new ArrayList<>();
        int partnerNumber = 0;
        for (Blueprint.Partner p : bp.partners()) {
          cleanPartners.add(new Clean.Partner(projectId, "PARTNER " + projectId + "-" + (++partnerNumber),
              p.countryCode(), p.partnerType(), updated));
        }
        clean.add(new Clean.Project(projectId, subjectId, "subject " + subjectId, bp.districtCode(), bp.carrierType(),
            bp.fieldCode(), bp.modes(), LocalDate.of(bp.startYear(), 3, 1), null, null, updated, null, cleanPartners));
      }
      Clean.Subject s = Clean.Subject.of(clean);
      oracle.add(s, clean);
      long partnerCount = 0;
      for (Clean.Project p : clean) {
        projects.add(RowFactory.create(p.projectId(), p.subjectId(), p.subjectName(), p.districtCode(), p.carrierType(),
            p.fieldCode(), p.modes(), p.modes().size() > 1 ? "MULTIPLE" : p.modes().get(0), Date.valueOf(p.startDate()),
            p.startDate().getYear(), null, (BigDecimal) null, Timestamp.valueOf(p.updatedAt()), "design", "design", 1L,
            "design"));
        for (Clean.Partner x : p.partners()) {
          Reference.Country c = ref.country(x.countryCode());
          partners.add(RowFactory.create(x.projectId(), x.partnerName() + "|" + c.code(), x.partnerName(), c.code(),
              c.continent(), c.hmt(), x.partnerType(), Timestamp.valueOf(x.updatedAt()), "design", "design", 1L,
              "design"));
          partnerCount++;
        }
      }
      subjects.add(RowFactory.create(s.subjectId(), s.subjectName(), s.districtCode(), s.carrierType(), s.fieldCode(),
          s.firstYear(), s.modeClass(), s.natureClass(), (long) clean.size(), partnerCount));
    }
    SilverFixture.writeProjects(spark, config, projects);
    SilverFixture.write(spark, config, "project_partners", SilverFixture.PARTNERS, partners);
    SilverFixture.write(spark, config, "subjects", SilverFixture.SUBJECTS, subjects);
    SilverFixture.write(spark, config, "dim_districts", SilverFixture.DISTRICTS, ref.districts.values().stream()
        .map(d -> RowFactory.create(d.code(), d.nameZh(), d.shortZh(), d.pinyin(), d.nameEn())).toList());
    SilverFixture.write(spark, config, "dim_countries", SilverFixture.COUNTRIES, ref.countries.values().stream()
        .map(c -> RowFactory.create(c.code(), c.iso3(), c.nameEn(), c.nameZh(), c.continent(), c.hmt(), false)).toList());
    SilverFixture.write(spark, config, "dim_fields", SilverFixture.FIELDS, named(ref.fields));
    SilverFixture.write(spark, config, "dim_carrier_types", SilverFixture.CARRIER_TYPES, named(ref.carrierTypes));
    new AggregateJob().run(spark, config, RunContext.start());
  }

  private static List<Row> named(Map<String, Reference.Named> members) {
    return members.values().stream().map(n -> RowFactory.create(n.code(), n.nameZh(), n.nameEn())).toList();
  }

  private Dataset<Row> gold(String table) {
    return spark.table(config.table(Layer.GOLD, table));
  }

  @Test
  void everyFigureOfTheStudyComesOutOfGold() {
    PaperFigures.assertAll(this::gold);
  }

  @Test
  void everyGoldTableEqualsTheOracle() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, GoldOracle.Table> t : oracle.tables().entrySet()) {
      Dataset<Row> gold = gold(t.getKey());
      String diff = TruthTables.compare(gold.schema(), gold.collectAsList(),
          new Csv.Table(t.getValue().header(), t.getValue().rows()));
      if (diff != null) failures.add(t.getKey() + ": " + diff);
    }
    if (!failures.isEmpty()) fail(failures.size() + " gold table(s) differ from the oracle:\n" + String.join("\n", failures));
  }
}
