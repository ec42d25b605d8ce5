package org.cooplake.common.ingest;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.cooplake.common.io.Inspection;

/** Per-file facts (batch, format, encoding) as literal maps keyed by the file's relative path. */
public final class FileLineage {
  private final Column batch;
  private final Column format;
  private final Column encoding;

  public FileLineage(List<Inspection> files) {
    List<Column> b = new ArrayList<>();
    List<Column> f = new ArrayList<>();
    List<Column> e = new ArrayList<>();
    for (Inspection i : files) {
      Column key = lit(i.file().relativePath());
      b.add(key);
      b.add(lit(i.file().batch()));
      f.add(key);
      f.add(lit(i.file().format()));
      e.add(key);
      e.add(lit(i.encoding() == null ? null : i.encoding()).cast("string"));
    }
    this.batch = map(b.toArray(Column[]::new));
    this.format = map(f.toArray(Column[]::new));
    this.encoding = map(e.toArray(Column[]::new));
  }

  Column batch(Column file) {
    return element_at(batch, file);
  }

  Column format(Column file) {
    return element_at(format, file);
  }

  Column encoding(Column file) {
    return element_at(encoding, file);
  }

}
