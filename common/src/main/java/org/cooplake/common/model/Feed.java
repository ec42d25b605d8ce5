package org.cooplake.common.model;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The two raw feeds of RAW_CONTRACT.md, with their columns and accepted headers. */
public enum Feed {
  PROJECTS("projects", List.of(
      new Column("project_id", "项目编号", true),
      new Column("subject_id", "主体编号", true),
      new Column("subject_name", "主体名称", false),
      new Column("district", "所在区", true),
      new Column("carrier_type", "依托单位类型", true),
      new Column("field", "合作领域", true),
      new Column("modes", "合作方式", true),
      new Column("start_date", "开始日期", true),
      new Column("end_date", "结束日期", false),
      new Column("amount", "合作金额", false),
      new Column("contact_name", "联系人", false),
      new Column("contact_phone", "联系电话", false),
      new Column("contact_email", "联系邮箱", false),
      new Column("updated_at", "更新时间", true))),
  PARTNERS("partners", List.of(
      new Column("project_id", "项目编号", true),
      new Column("partner_name", "合作方名称", true),
      new Column("partner_country", "合作方国家/地区", true),
      new Column("partner_type", "合作方性质", true),
      new Column("updated_at", "更新时间", true)));

  /** A contract column: its English name (used everywhere downstream) and its Chinese header. */
  public record Column(String name, String chineseHeader, boolean required) {}

  private final String dirName;
  private final List<Column> columns;
  private final Map<String, String> headerToName = new LinkedHashMap<>();

  Feed(String dirName, List<Column> columns) {
    this.dirName = dirName;
    this.columns = columns;
    for (Column c : columns) {
      headerToName.put(normaliseHeader(c.name()), c.name());
      headerToName.put(normaliseHeader(c.chineseHeader()), c.name());
    }
  }

  /** The folder under the landing directory, and the suffix of the bronze table. */
  public String dirName() { return dirName; }

  public List<Column> columns() { return columns; }

  public List<String> columnNames() { return columns.stream().map(Column::name).toList(); }

  public List<String> requiredColumns() {
    return columns.stream().filter(Column::required).map(Column::name).toList();
  }

  /** Every accepted header (normalised) → contract column name. */
  public Map<String, String> headerAliases() { return headerToName; }

  /** The contract column a header names, if any: case, surrounding spaces, BOM, full width ignored. */
  public Optional<String> columnForHeader(String header) {
    return Optional.ofNullable(headerToName.get(normaliseHeader(header)));
  }

  /**
   * Header normal form: NFKC, BOM removed, trimmed, lower case, runs of spaces/hyphens as one
   * underscore ("Project ID" = "project_id"). Chinese headers are unaffected beyond NFKC and trim.
   */
  public static String normaliseHeader(String header) {
    if (header == null) return "";
    String s = Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFKC).strip();
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
  }

  public static Feed fromDir(String dir) {
    for (Feed f : values()) if (f.dirName.equals(dir)) return f;
    throw new IllegalArgumentException("unknown feed " + dir);
  }
}
