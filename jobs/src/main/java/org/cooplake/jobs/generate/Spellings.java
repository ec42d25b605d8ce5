package org.cooplake.jobs.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ways a delivery spells each value (RAW_CONTRACT.md): codes, Chinese and English names and
 * their alternates, odd case, extra and full-width characters, every date and amount style, every
 * mode separator. Each method lists the spellings of one clean value (repeats weight a spelling);
 * a {@link Picker} chooses among them. Every listed spelling must normalise to the clean value —
 * {@code SpellingsTest} checks them against data/reference/aliases.
 */
final class Spellings {
  private Spellings() {}

  enum Format { CSV, JSONL, XLSX }

  static final List<String> MODE_SEPARATORS = List.of(";", "；", ",", "，", "、", "/", "|", "+");

  // ---------------------------------------------------------------- ids and codes

  private static final int ID_SPELLINGS = 9;

  /** An id as delivered: mostly as is, sometimes lower case, padded with spaces, or full width. */
  static String id(String id, Picker pk) {
    return idSpelling(id, pk.pick("id", ID_SPELLINGS));
  }

  static String idSpelling(String id, int spelling) {
    return switch (spelling) {
      case 5 -> id.toLowerCase(Locale.ROOT);
      case 6 -> " " + id + "  ";
      case 7 -> fullWidth(id) + " ";
      case 8 -> fullWidth(id.substring(0, 2).toLowerCase(Locale.ROOT)) + id.substring(2) + " ";
      default -> id;
    };
  }

  static List<String> ids(String id) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ID_SPELLINGS; i++) out.add(idSpelling(id, i));
    return out;
  }

  private static final Map<String, List<String>> DISTRICTS = new ConcurrentHashMap<>();

  static List<String> district(Reference.District d) {
    return DISTRICTS.computeIfAbsent(d.code(), c -> List.of(d.nameZh(), d.nameZh(), d.nameZh(), d.shortZh(), d.shortZh(),
        d.code(), d.code(), d.pinyin(), d.pinyin().toUpperCase(Locale.ROOT), d.nameEn(),
        d.nameEn().toLowerCase(Locale.ROOT).replace(" ", "  "), fullWidth(d.code()), " " + d.nameZh() + " ",
        d.pinyin().toLowerCase(Locale.ROOT)));
  }

  private static final Map<String, List<String>> CARRIER_TYPES = Map.of(
      "ENTERPRISE", List.of("企业", "企业", "企业", "公司", "Enterprise", "ENTERPRISE", "enterprise", " 企业 "),
      "UNIVERSITY", List.of("高等院校", "高等院校", "高校", "大学", "University", "UNIVERSITY", "university"),
      "RESEARCH_INSTITUTE", List.of("科研院所", "科研院所", "研究所", "科研机构", "Research Institute", "RESEARCH INSTITUTE",
          "research  institute"),
      "INTERMEDIARY", List.of("科技中介组织", "科技中介组织", "中介机构", "Intermediary", "INTERMEDIARY"),
      "SCIENCE_PARK", List.of("科技园区", "科技园区", "园区", "Science Park", "science park", "SCIENCE PARK"));

  static List<String> carrierType(String code) {
    return CARRIER_TYPES.get(code);
  }

  private static final Map<String, List<String>> FIELDS = new ConcurrentHashMap<>();

  static List<String> field(Reference.Named f) {
    return FIELDS.computeIfAbsent(f.code(), c -> List.of(f.nameZh(), f.nameZh(), f.nameZh(), f.nameEn(), f.nameEn().toUpperCase(Locale.ROOT),
        f.nameEn().toLowerCase(Locale.ROOT), f.code(), f.code().toLowerCase(Locale.ROOT), " " + f.nameZh() + " "));
  }

  private static final Map<String, List<String>> MODES = Map.of(
      "RD", List.of("研发合作", "研发合作", "研发合作", "R&D cooperation", "r&d cooperation"),
      "TRANSFER", List.of("成果转化与推广", "成果转化与推广", "成果转化", "Achievement transfer and promotion",
          "achievement transfer and promotion"),
      "MARKET", List.of("市场合作", "市场合作", "市场合作", "Market cooperation", "MARKET COOPERATION"),
      "TALENT", List.of("人才引进与交流", "人才引进与交流", "人才交流", "Talent introduction and exchange"),
      "STANDARD", List.of("标准制定", "标准制定", "标准", "Standard setting"));

  static List<String> mode(String code) {
    return MODES.get(code);
  }

  private static final List<String> SEPARATORS_SPACED = spacedSeparators();

  /** Separators with the spaces people put around them. */
  static List<String> modeSeparators() {
    return SEPARATORS_SPACED;
  }

  private static List<String> spacedSeparators() {
    List<String> out = new ArrayList<>();
    for (String s : MODE_SEPARATORS) {
      out.add(s);
      out.add(s.equals("+") || s.equals("/") || s.equals("|") ? " " + s + " " : s + " ");
    }
    return List.copyOf(out);
  }

  /** Country spellings that name the same code as data/reference's names: the contract's aliases. */
  private static final Map<String, List<String>> COUNTRY_ALIASES = Map.ofEntries(
      Map.entry("US", List.of("美利坚合众国", "United States of America", "USA", "U.S.", "ＵＳＡ", "usa")),
      Map.entry("GB", List.of("大不列颠及北爱尔兰联合王国", "UK", "Britain", "England", "Great Britain",
          "United Kingdom of Great Britain and Northern Ireland")),
      Map.entry("KR", List.of("大韩民国", "南韩", "Korea", "Republic of Korea", "KOREA")),
      Map.entry("RU", List.of("俄罗斯联邦", "Russian Federation", "russia")),
      Map.entry("NL", List.of("荷兰王国", "Holland", "The Netherlands")),
      Map.entry("EU", List.of("欧洲联盟", "European Union", "EU", "欧盟")),
      Map.entry("DE", List.of("德意志联邦共和国", "Federal Republic of Germany", "ＤＥＵ")),
      Map.entry("FR", List.of("法兰西共和国", "French Republic")),
      Map.entry("JP", List.of("日本国", "JAPAN")),
      Map.entry("HK", List.of("香港", "Hong Kong", "中国香港特别行政区")),
      Map.entry("MO", List.of("澳门", "Macau", "中国澳门特别行政区")),
      Map.entry("TW", List.of("台湾", "Taiwan", "中国台湾")));

  private static final Map<String, List<String>> COUNTRIES = new ConcurrentHashMap<>();

  static List<String> country(Reference.Country c) {
    return COUNTRIES.computeIfAbsent(c.code(), code -> countrySpellings(c));
  }

  private static List<String> countrySpellings(Reference.Country c) {
    List<String> out = new ArrayList<>(List.of(c.nameZh(), c.nameZh(), c.nameZh(), c.nameEn(), c.nameEn(), c.code(),
        " " + c.nameEn() + " ", c.nameEn().toLowerCase(Locale.ROOT)));
    if (c.iso3() != null && !c.iso3().isEmpty()) out.add(c.iso3());
    out.addAll(COUNTRY_ALIASES.getOrDefault(c.code(), List.of()));
    return List.copyOf(out);
  }

  private static final Map<String, List<String>> PARTNER_TYPES = Map.of(
      "UNIVERSITY", List.of("大学", "大学", "高校", "University", "UNIVERSITY", "university"),
      "ENTERPRISE", List.of("企业", "企业", "公司", "Enterprise", "enterprise"),
      "RESEARCH", List.of("研究机构", "研究机构", "研究所", "Research Institution", "research institution"),
      "GOVERNMENT", List.of("政府", "政府", "政府机构", "Government"),
      "INTL_ORG", List.of("国际组织", "国际组织", "International Organisation", "international organisation"),
      "INDUSTRY_ORG", List.of("行业组织", "行业协会", "学会", "Industry Organisation"));

  static List<String> partnerType(String code) {
    return PARTNER_TYPES.get(code);
  }

  // ---------------------------------------------------------------- dates and amounts

  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  static long excelSerial(LocalDate d) {
    return ChronoUnit.DAYS.between(EXCEL_EPOCH, d);
  }

  // date styles; the weights are the repeats in the lists below
  private static final int ISO = 0;
  private static final int SLASH = 1;
  private static final int DOT = 2;
  private static final int COMPACT = 3;
  private static final int ZH_DAY = 4;
  private static final int ZH_MONTH = 5;
  private static final int YEAR = 6;
  private static final int SERIAL = 7;
  private static final int DATE_CELL = 8;
  private static final int[] DATE_STYLES = {ISO, ISO, ISO, SLASH, DOT, COMPACT, ZH_DAY, SERIAL};

  /**
   * A date as delivered: text in one of the contract's styles, an Excel serial day number (text
   * in CSV, a number in JSON and XLSX), or an Excel date cell (XLSX). The short styles appear only
   * when they still mean the same day (年月 on the 1st, a bare year on 1 January).
   */
  static Object date(LocalDate d, Format format, Picker pk) {
    int[] styles = dateStyles(d, format);
    // rotation is per list length, so the styles only some dates allow (年月, bare year) come round too
    return dateSpelling(d, format, styles[pk.pick(DATE_KINDS[styles.length], styles.length)]);
  }

  static List<Object> dates(LocalDate d, Format format) {
    List<Object> out = new ArrayList<>();
    for (int style : dateStyles(d, format)) out.add(dateSpelling(d, format, style));
    return out;
  }

  private static final String[] DATE_KINDS = kinds("date", 16);
  private static final String[] UPDATED_KINDS = kinds("updated", 32);
  private static final String[] AMOUNT_KINDS = kinds("amount", 16);

  private static String[] kinds(String name, int n) {
    String[] k = new String[n];
    for (int i = 0; i < n; i++) k[i] = name + "/" + i;
    return k;
  }

  private static int[] dateStyles(LocalDate d, Format format) {
    int extra = (d.getDayOfMonth() == 1 ? 1 : 0) + (d.getDayOfYear() == 1 ? 1 : 0) + (format == Format.XLSX ? 2 : 0);
    int[] styles = java.util.Arrays.copyOf(DATE_STYLES, DATE_STYLES.length + extra);
    int i = DATE_STYLES.length;
    if (d.getDayOfMonth() == 1) styles[i++] = ZH_MONTH;
    if (d.getDayOfYear() == 1) styles[i++] = YEAR;
    if (format == Format.XLSX) {
      styles[i++] = DATE_CELL;
      styles[i] = DATE_CELL;
    }
    return styles;
  }

  private static Object dateSpelling(LocalDate d, Format format, int style) {
    int y = d.getYear();
    int m = d.getMonthValue();
    int day = d.getDayOfMonth();
    return switch (style) {
      case SLASH -> y + "/" + m + "/" + day;
      case DOT -> y + "." + pad(m, 2) + "." + pad(day, 2);
      case COMPACT -> y + pad(m, 2) + pad(day, 2);
      case ZH_DAY -> y + "年" + m + "月" + day + "日";
      case ZH_MONTH -> y + "年" + m + "月";
      case YEAR -> Integer.toString(y);
      case SERIAL -> format == Format.CSV ? Long.toString(excelSerial(d)) : (Object) excelSerial(d);
      case DATE_CELL -> d;
      default -> y + "-" + pad(m, 2) + "-" + pad(day, 2);
    };
  }

  /** An update time: ISO date-time (with T or a space), or any date style when it is midnight; a date cell in XLSX. */
  static Object dateTime(LocalDateTime t, Format format, Picker pk) {
    boolean midnight = t.toLocalTime().equals(LocalTime.MIDNIGHT);
    int dateStyles = midnight ? dateStyles(t.toLocalDate(), format).length : 0;
    int n = 3 + dateStyles + (format == Format.XLSX ? 2 : 0);
    int choice = pk.pick(UPDATED_KINDS[n], n);
    if (choice < 3) return isoDateTime(t, choice == 0 ? 'T' : ' ');
    if (choice < 3 + dateStyles) return dateSpelling(t.toLocalDate(), format, dateStyles(t.toLocalDate(), format)[choice - 3]);
    return t;
  }

  static List<Object> dateTimes(LocalDateTime t, Format format) {
    List<Object> out = new ArrayList<>(List.of(isoDateTime(t, 'T'), isoDateTime(t, ' ')));
    if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) out.addAll(dates(t.toLocalDate(), format));
    if (format == Format.XLSX) out.add(t);
    return out;
  }

  static String isoDateTime(LocalDateTime t, char separator) {
    return t.getYear() + "-" + pad(t.getMonthValue(), 2) + "-" + pad(t.getDayOfMonth(), 2) + separator
        + pad(t.getHour(), 2) + ":" + pad(t.getMinute(), 2) + ":" + pad(t.getSecond(), 2);
  }

  /** Yuan as delivered: plain, with thousands separators, in 万 or 亿 (with or without 元); numbers in JSON and XLSX. */
  static Object amount(long yuan, Format format, Picker pk) {
    List<Integer> styles = amountStyles(yuan, format);
    return amountSpelling(yuan, styles.get(pk.pick(AMOUNT_KINDS[styles.size()], styles.size())));
  }

  static List<Object> amounts(long yuan, Format format) {
    List<Object> out = new ArrayList<>();
    for (int style : amountStyles(yuan, format)) out.add(amountSpelling(yuan, style));
    return out;
  }

  private static List<Integer> amountStyles(long yuan, Format format) {
    List<Integer> styles = new ArrayList<>(List.of(0, 1, 1, 2));
    if (yuan % 100 == 0) styles.addAll(List.of(3, 3, 4));
    if (yuan % 1_000_000 == 0 && yuan >= 10_000_000) styles.addAll(List.of(5, 6));
    if (format != Format.CSV) styles.addAll(List.of(7, 7));
    return styles;
  }

  private static Object amountSpelling(long yuan, int style) {
    return switch (style) {
      case 1 -> grouped(yuan);
      case 2 -> yuan + ".00";
      case 3 -> plain(BigDecimal.valueOf(yuan).movePointLeft(4)) + "万";
      case 4 -> plain(BigDecimal.valueOf(yuan).movePointLeft(4)) + "万元";
      case 5 -> plain(BigDecimal.valueOf(yuan).movePointLeft(8)) + "亿";
      case 6 -> plain(BigDecimal.valueOf(yuan).movePointLeft(8)) + "亿元";
      case 7 -> yuan;
      default -> Long.toString(yuan);
    };
  }

  /** 1200000 → "1,200,000". */
  static String grouped(long v) {
    String digits = Long.toString(Math.abs(v));
    StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) sb.append(',');
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  /** Zero-padded decimal (no String.format: it is slow enough to matter at 10 million rows). */
  static String pad(long v, int width) {
    String s = Long.toString(v);
    if (s.length() >= width) return s;
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) sb.append('0');
    return sb.append(s).toString();
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** ASCII letters, digits and punctuation as their full-width forms (NFKC maps them back). */
  static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) sb.append(c > ' ' && c <= '~' ? (char) (c + 0xFEE0) : c);
    return sb.toString();
  }

  static <T> List<T> shuffledCopy(List<T> list, Picker picker, String kind) {
    List<T> out = new ArrayList<>(list);
    for (int i = out.size() - 1; i > 0; i--) Collections.swap(out, i, picker.pick(kind, i + 1));
    return out;
  }
}
