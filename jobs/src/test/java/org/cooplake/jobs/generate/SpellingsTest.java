package org.cooplake.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cooplake.common.test.SparkTestBase;
import org.cooplake.jobs.generate.Spellings.Format;
import org.junit.jupiter.api.Test;

/**
 * Every spelling the generator writes means what it should under RAW_CONTRACT.md and
 * data/reference/aliases (read by the test's own {@link Conform}), and every "unknown" spelling of
 * the bad rows is really unknown — so the sample's figures depend on cleaning, not on luck.
 */
class SpellingsTest {
  private final Conform conform = new Conform(SparkTestBase.projectDir().resolve("data/reference"));
  private final Reference ref = Reference.get();

  @Test
  void codedValuesMapToTheirCodes() {
    for (Reference.District d : ref.districts.values()) {
      for (String s : Spellings.district(d)) assertEquals(d.code(), conform.code("district", s), "district '" + s + "'");
    }
    for (String carrier : ref.carrierTypes.keySet()) {
      for (String s : Spellings.carrierType(carrier)) assertEquals(carrier, conform.code("carrier_type", s), "carrier '" + s + "'");
    }
    for (Reference.Named f : ref.fields.values()) {
      for (String s : Spellings.field(f)) assertEquals(f.code(), conform.code("field", s), "field '" + s + "'");
    }
    for (String type : ref.partnerTypes.keySet()) {
      for (String s : Spellings.partnerType(type)) assertEquals(type, conform.code("partner_type", s), "partner type '" + s + "'");
    }
    for (String mode : ref.modes.keySet()) {
      for (String s : Spellings.mode(mode)) assertEquals(mode, conform.code("mode", s), "mode '" + s + "'");
    }
    Set<String> countries = new TreeSet<>(List.of("HK", "MO", "TW"));
    StudyProfile.CONTINENTS.forEach(c -> countries.addAll(c.countries().keySet()));
    for (String code : countries) {
      for (String s : Spellings.country(ref.country(code))) assertEquals(code, conform.code("country", s), "country '" + s + "'");
    }
  }

  @Test
  void idsNormaliseToThemselves() {
    for (String id : List.of("BJ-2016-00123", "S00042")) {
      for (String s : Spellings.ids(id)) assertEquals(id, Conform.id(s), "'" + s + "'");
    }
  }

  @Test
  void modeListsReadBackInAnyOrderAndSeparator() {
    Renderer renderer = new Renderer(ref);
    Picker pk = Picker.rotating();
    List<List<String>> sets = List.of(List.of("RD"), List.of("RD", "TRANSFER"), List.of("MARKET", "STANDARD", "TALENT"),
        List.of("MARKET", "RD", "STANDARD", "TALENT", "TRANSFER"));
    for (int i = 0; i < 200; i++) {
      List<String> modes = sets.get(i % sets.size());
      String s = renderer.modes(modes, pk);
      assertEquals(new TreeSet<>(modes), conform.modes(s), "'" + s + "'");
    }
  }

  @Test
  void everyDateTimeAndAmountStyleReadsBack() {
    List<LocalDate> dates = List.of(LocalDate.of(2018, 3, 1), LocalDate.of(2016, 1, 1), LocalDate.of(2014, 11, 27));
    for (Format f : Format.values()) {
      for (LocalDate d : dates) {
        for (Object s : Spellings.dates(d, f)) assertEquals(d, Conform.date(asBronze(s)), f + " '" + s + "'");
        for (Object s : Spellings.dateTimes(d.atStartOfDay(), f)) {
          assertEquals(d.atStartOfDay(), Conform.dateTime(asBronze(s)), f + " '" + s + "'");
        }
      }
      LocalDateTime t = LocalDateTime.of(2019, 3, 5, 14, 22, 5);
      for (Object s : Spellings.dateTimes(t, f)) assertEquals(t, Conform.dateTime(asBronze(s)), f + " '" + s + "'");
      for (long yuan : List.of(1_200_000L, 355_000L, 120_000_000L, 350_000_000L)) {
        for (Object s : Spellings.amounts(yuan, f)) {
          assertEquals(0, BigDecimal.valueOf(yuan).compareTo(Conform.amount(asBronze(s))), f + " '" + s + "'");
        }
      }
    }
  }

  @Test
  void badRowValuesAreReallyUnknown() {
    for (String s : BadRows.UNKNOWN_DISTRICTS) assertNull(conform.code("district", s), s);
    for (String s : BadRows.UNKNOWN_CARRIER_TYPES) assertNull(conform.code("carrier_type", s), s);
    for (String s : BadRows.UNKNOWN_FIELDS) assertNull(conform.code("field", s), s);
    for (String s : BadRows.UNKNOWN_MODES) assertNull(conform.code("mode", s), s);
    for (String s : BadRows.UNKNOWN_COUNTRIES) assertNull(conform.code("country", s), s);
    for (String s : BadRows.UNKNOWN_PARTNER_TYPES) assertNull(conform.code("partner_type", s), s);
    for (String s : BadRows.DOMESTIC_COUNTRIES) assertEquals("CN", conform.code("country", s), s);
    for (String s : BadRows.BAD_DATES) assertNull(Conform.date(s), s);
    for (String s : BadRows.BAD_END_DATES) assertNull(Conform.date(s), s);
    for (String s : BadRows.BAD_UPDATED) assertNull(Conform.dateTime(s), s);
    for (String s : BadRows.BAD_AMOUNTS) assertNull(Conform.amount(s), s);
    for (String s : BadRows.NEGATIVE_AMOUNTS) assertEquals(-1, Conform.amount(s).signum(), s);
  }

  /** How bronze sees a value: XLSX dates as yyyy-MM-dd or yyyy-MM-dd HH:mm:ss, numbers as plain digits. */
  private static String asBronze(Object v) {
    if (v instanceof LocalDateTime t) return Spellings.isoDateTime(t, ' ');
    return v.toString();
  }
}
