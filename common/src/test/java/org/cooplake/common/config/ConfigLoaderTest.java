package org.cooplake.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.errors.CooplakeException;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefaults() throws Exception {
    Path file = Files.createTempFile("cooplake", ".conf");
    Files.writeString(file, "cooplake.warehouse = /from/file\ncooplake.landing = /landing/file\n"
        + "cooplake.spark.master = spark://file:7077\nspark.sql.shuffle.partitions = 4\ncooplake.db.gold = gold_file\n");
    Map<String, String> env = Map.of("COOPLAKE_WAREHOUSE", "/from/env", "COOPLAKE_SPARK_MASTER", "local[3]",
        "COOPLAKE_SPARK_CONF", "spark.sql.shuffle.partitions=6,spark.executor.memory=2g");

    CooplakeConfig c = ConfigLoader.withEnvironment(env).confFile(file).set(ConfigLoader.MASTER, "local[1]")
        .sparkConf("spark.executor.memory=3g").load();
    assertEquals(Path.of("/from/env"), c.warehouse());          // env > file
    assertEquals(Path.of("/landing/file"), c.landing());        // file > default
    assertEquals("local[1]", c.master());                       // command line > env
    assertEquals("6", c.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals("3g", c.sparkConf().get("spark.executor.memory"));
    assertEquals("gold_file.x", c.table(Layer.GOLD, "x"));
    assertEquals("bronze", c.database(Layer.BRONZE));           // default

    CooplakeConfig d = ConfigLoader.withEnvironment(Map.of()).load();
    assertEquals("local[*]", d.master());
    assertEquals(CooplakeConfig.CatalogType.EMBEDDED, d.catalogType());
    assertTrue(d.warehouse().isAbsolute());
  }

  @Test
  void secretsComeFromTheEnvironment() throws Exception {
    Path file = Files.createTempFile("cooplake", ".conf");
    Files.writeString(file, "cooplake.catalog.type = hive\ncooplake.catalog.jdbc.url = jdbc:postgresql://db/meta\n"
        + "cooplake.catalog.jdbc.password = ${env:META_PW}\n");
    CooplakeConfig c = ConfigLoader.withEnvironment(Map.of("META_PW", "s3cret")).confFile(file).load();
    assertEquals("s3cret", c.metastoreJdbcPassword());
    assertEquals("****", c.describe().get("cooplake.catalog.jdbc.password"));
    CooplakeException e = assertThrows(CooplakeException.class,
        () -> ConfigLoader.withEnvironment(Map.of()).confFile(file).load());
    assertEquals("MISSING_ENV", e.code());
    assertTrue(e.userMessage().contains("META_PW"));
  }

  @Test
  void badValuesAreClearErrors() {
    CooplakeException e = assertThrows(CooplakeException.class,
        () -> ConfigLoader.withEnvironment(Map.of("COOPLAKE_CATALOG_TYPE", "oracle")).load());
    assertEquals("BAD_CONFIG", e.code());
    assertThrows(CooplakeException.class,
        () -> ConfigLoader.withEnvironment(Map.of()).set("cooplake.db.gold", "gold; DROP").load());
  }
}
