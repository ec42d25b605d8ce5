package org.cooplake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.cooplake.common.gold.SqlTable;
import org.cooplake.common.quality.Check;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The gold definitions as packaged: the index names every SQL file, and every header parses. No Spark. */
class GoldDefinitionsTest {

  @Test
  void theIndexListsExactlyTheSqlFilesOfTheDirectory() throws IOException {
    Path dir = SparkTestBase.projectDir().resolve("jobs/src/main/resources").resolve(AggregateJob.DEFINITIONS);
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
    List<String> indexed = AggregateJob.definitions().stream().map(SqlTable::name).sorted().toList();
    assertEquals(files, indexed, "gold/" + SqlTable.INDEX_FILE + " and the gold/*.sql files differ");
  }

  @Test
  void everyContractTableIsDefinedAndEveryCheckParses() {
    List<String> contract = List.of("subjects_by_year", "subjects_by_district", "subjects_by_carrier_type",
        "subjects_by_field", "subjects_by_district_field", "subjects_by_mode_class", "subjects_by_partner_nature",
        "cooperations_by_continent", "cooperations_by_country", "cooperations_by_continent_field",
        "cooperations_by_country_field", "cooperations_by_continent_mode", "cooperations_by_year");
    List<SqlTable> defs = AggregateJob.definitions();
    assertEquals(contract.stream().sorted().toList(),
        defs.stream().map(SqlTable::name).filter(n -> !n.equals("cooperations")).sorted().toList());
    for (SqlTable t : defs) {
      assertFalse(t.checks().isEmpty(), t.source() + " declares no check");
      assertEquals("unique", t.checks().get(0).substring(0, 6), t.source() + ": the key check comes first");
      for (String spec : t.checks()) {
        List<Check> parsed = Check.parse("gold." + t.name(), spec, UnaryOperator.identity());
        assertFalse(parsed.isEmpty(), spec);
      }
    }
  }
}
