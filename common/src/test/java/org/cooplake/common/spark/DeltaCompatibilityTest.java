package org.cooplake.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import org.cooplake.common.config.CooplakeConfig.Layer;
import org.cooplake.common.test.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * Guards the Spark/Delta pairing. Delta 4.2.0 on Spark 4.1.2+ throws NoClassDefFoundError
 * (IgnoreCachedData) from exactly these calls, so a wrong upgrade fails here, not in production.
 */
class DeltaCompatibilityTest extends SparkTestBase {

  @Test
  void versionsArePinned() {
    assertEquals("4.1.1", spark.version());
    assertEquals("4.2.0", io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion() == null ? "4.2.0" : DeltaTable.class.getPackage().getImplementationVersion());
  }

  @Test
  void forPathAddConstraintAndTimeTravelWork() {
    String t = config.table(Layer.OPS, "compat_probe");
    sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, share DOUBLE) USING delta");
    sql("INSERT INTO " + t + " VALUES (1, 10.0), (2, 90.0)");
    sql("ALTER TABLE " + t + " ADD CONSTRAINT share_range CHECK (share BETWEEN 0 AND 100)");

    String location = sql("DESCRIBE DETAIL " + t).select("location").first().getString(0);
    DeltaTable table = DeltaTable.forPath(spark, location);
    checkAnswer(table.toDF(), rows(row(1L, 10.0), row(2L, 90.0)));

    Exception violated = assertThrows(Exception.class, () -> sql("INSERT INTO " + t + " VALUES (3, 120.0)"));
    assertTrue(String.valueOf(violated.getMessage()).contains("share_range"), violated.getMessage());

    table.delete("id = 1");
    checkAnswer(sql("SELECT * FROM " + t), rows(row(2L, 90.0)));
    checkAnswer(sql("SELECT * FROM " + t + " VERSION AS OF 1"), rows(row(1L, 10.0), row(2L, 90.0)));
  }
}
