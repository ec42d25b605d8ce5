package org.cooplake.jobs.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cooplake.jobs.generate.Spellings.Format;

/**
 * Renders clean records as raw rows the way deliveries spell them (see {@link Spellings}). A raw
 * row maps contract column names to a String, a Long (a number cell/value), a LocalDate or
 * LocalDateTime (an XLSX date cell), or null (the value is absent).
 */
final class Renderer {
  private final Reference ref;

  Renderer(Reference ref) {
    this.ref = ref;
  }

  Map<String, Object> project(Clean.Project p, Format format, Picker pk) {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("project_id", Spellings.id(p.projectId(), pk));
    raw.put("subject_id", Spellings.id(p.subjectId(), pk));
    raw.put("subject_name", p.subjectName());
    raw.put("district", district(p.districtCode(), format, pk));
    raw.put("carrier_type", pk.pick("carrier", p.carrierType(), Spellings.carrierType(p.carrierType())));
    raw.put("field", pk.pick("field", p.fieldCode(), Spellings.field(ref.fields.get(p.fieldCode()))));
    raw.put("modes", modes(p.modes(), pk));
    raw.put("start_date", Spellings.date(p.startDate(), format, pk));
    raw.put("end_date", p.endDate() == null ? null : Spellings.date(p.endDate(), format, pk));
    raw.put("amount", p.amountYuan() == null ? null : Spellings.amount(p.amountYuan(), format, pk));
    raw.put("contact_name", p.contact().name());
    raw.put("contact_phone", p.contact().phone());
    raw.put("contact_email", p.contact().email());
    raw.put("updated_at", Spellings.dateTime(p.updatedAt(), format, pk));
    return raw;
  }

  Map<String, Object> partner(Clean.Partner p, Format format, Picker pk) {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("project_id", Spellings.id(p.projectId(), pk));
    raw.put("partner_name", p.partnerName());
    raw.put("partner_country", pk.pick("country", p.countryCode(), Spellings.country(ref.country(p.countryCode()))));
    raw.put("partner_type", pk.pick("partnerType", p.partnerType(), Spellings.partnerType(p.partnerType())));
    raw.put("updated_at", Spellings.dateTime(p.updatedAt(), format, pk));
    return raw;
  }

  /** XLSX now and then holds a district code as a number cell, the way Excel stores typed digits. */
  private Object district(String code, Format format, Picker pk) {
    if (format == Format.XLSX && pk.chance("districtNumber", 0.1)) return Long.parseLong(code);
    return pk.pick("district", Spellings.district(ref.district(code)));
  }

  /** Modes in any order with any separator; a single mode is sometimes named twice (研发合作 / R&D cooperation). */
  String modes(List<String> modes, Picker pk) {
    List<String> spelled = new ArrayList<>();
    for (String m : Spellings.shuffledCopy(modes, pk, "modeOrder")) spelled.add(pk.pick("mode", m, Spellings.mode(m)));
    if (modes.size() == 1 && pk.chance("modeTwice", 0.03)) {
      List<String> all = Spellings.mode(modes.get(0));
      String other = all.get(all.size() - 1);
      if (!other.equals(spelled.get(0))) spelled.add(other);
    }
    return String.join(pk.pick("separator", Spellings.modeSeparators()), spelled);
  }

  /** A value for an extra column the contract does not know (kept in bronze, ignored later). */
  Object extra(String column, Picker pk) {
    return switch (column) {
      case "备注", "remarks" -> pk.pick("remark", List.of("", "", "", "已核实", "见附件, 第2页",
          "负责人说：\"下月补充材料\"", "第一行\n第二行（多行备注）", "re-checked by phone, OK"));
      case "source_system" -> pk.pick("source", List.of("registry-v2", "survey-2019", "partner-report"));
      case "录入人" -> pk.pick("clerk", List.of("李娜", "王强", "admin"));
      default -> "";
    };
  }
}
