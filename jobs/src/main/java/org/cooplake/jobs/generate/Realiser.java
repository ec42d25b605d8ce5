package org.cooplake.jobs.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Turns a {@link Blueprint.Subject} into clean records: ids, names, dates, amounts, contacts and
 * partner names, drawn from the subject's own random stream (so a subject is the same whichever
 * thread or file writes it). The blueprint decides everything the figures depend on; this class
 * only fills in values the figures do not look at, keeping the design's ordering rules (the
 * latest project is updated last, the oldest starts in the first year).
 */
final class Realiser {
  /** Current versions were last changed in this window, before the first nightly batch. */
  static final LocalDateTime UPDATED_FROM = LocalDateTime.of(2019, 1, 2, 0, 0);
  static final LocalDateTime UPDATED_TO = LocalDateTime.of(2019, 5, 31, 0, 0);

  private final int subjectDigits;
  private final int projectDigits;
  private final int projectsPerSubject;

  /**
   * @param lastSubjectNumber the largest subject number of the run (sets the id width: at least
   *     {@code S00001} and {@code BJ-2016-00123} as in the contract)
   */
  Realiser(long lastSubjectNumber) {
    int maxProjects = StudyProfile.blueprints().stream().mapToInt(s -> s.projects().size()).max().orElse(1);
    this.projectsPerSubject = maxProjects < 10 ? 10 : 100;
    this.subjectDigits = Math.max(5, digits(lastSubjectNumber));
    this.projectDigits = Math.max(5, digits(lastSubjectNumber * projectsPerSubject + projectsPerSubject - 1));
  }

  private static int digits(long n) {
    return Long.toString(Math.max(1, n)).length();
  }

  String subjectId(long subjectNumber) {
    return "S" + Spellings.pad(subjectNumber, subjectDigits);
  }

  String projectId(int startYear, long subjectNumber, int index) {
    return "BJ-" + startYear + "-" + Spellings.pad(subjectNumber * projectsPerSubject + index, projectDigits);
  }

  /** The subject's current projects, most recently updated first (as in the blueprint). */
  List<Clean.Project> realise(Blueprint.Subject blueprint, long subjectNumber, SplittableRandom rng) {
    String subjectId = subjectId(subjectNumber);
    String subjectName = Names.subject(blueprint.latest().carrierType(), rng);
    List<LocalDateTime> updates = distinctUpdateTimes(blueprint.projects().size(), rng);
    List<Clean.Project> out = new ArrayList<>();
    for (int i = 0; i < blueprint.projects().size(); i++) {
      Blueprint.Project b = blueprint.projects().get(i);
      String projectId = projectId(b.startYear(), subjectNumber, i);
      LocalDate start = startDate(b.startYear(), rng);
      LocalDate end = rng.nextInt(4) == 0 ? null : start.plusMonths(12 + rng.nextInt(37)).minusDays(1);
      Long amount = rng.nextInt(7) == 0 ? null : amount(rng);
      LocalDateTime updated = updates.get(i);
      List<Clean.Partner> partners = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Blueprint.Partner p : b.partners()) {
        String name = Names.partner(p.countryCode(), p.partnerType(), rng);
        for (int n = 2; !names.add(name.toLowerCase(Locale.ROOT)); n++) name = name + " " + n;
        LocalDateTime partnerUpdated = updated.minusDays(rng.nextInt(21)).minusSeconds(rng.nextInt(86_400));
        if (rng.nextInt(3) == 0) partnerUpdated = partnerUpdated.truncatedTo(ChronoUnit.DAYS);
        partners.add(new Clean.Partner(projectId, name, p.countryCode(), p.partnerType(), partnerUpdated));
      }
      out.add(new Clean.Project(projectId, subjectId, subjectName, b.districtCode(), b.carrierType(), b.fieldCode(),
          List.copyOf(new TreeSet<>(b.modes())), start, end, amount, updated, Names.contact(rng), List.copyOf(partners)));
    }
    return out;
  }

  /** Project start: the blueprint's year; now and then the 1st of a month or 1 January (so the short date styles fit). */
  private static LocalDate startDate(int year, SplittableRandom rng) {
    int roll = rng.nextInt(20);
    if (roll == 0) return LocalDate.of(year, 1, 1);
    int month = 1 + rng.nextInt(12);
    return LocalDate.of(year, month, roll <= 3 ? 1 : 1 + rng.nextInt(28));
  }

  /** Yuan: mostly whole 万 (10,000) from 5万 to 5000万, some half 万, a few whole 亿-scale sums. */
  private static long amount(SplittableRandom rng) {
    int roll = rng.nextInt(20);
    if (roll == 0) return (10L + rng.nextInt(41)) * 10_000_000L; // 1亿 … 5亿 in steps of 0.1亿
    long wan = 5 + (long) Math.floor(Math.exp(rng.nextDouble() * Math.log(1000))) * 5;
    return wan * 10_000L + (roll <= 2 ? 5_000L : 0L);
  }

  /** n distinct update times, latest first; about a third at midnight (date-only spellings fit those). */
  private static List<LocalDateTime> distinctUpdateTimes(int n, SplittableRandom rng) {
    long seconds = ChronoUnit.SECONDS.between(UPDATED_FROM, UPDATED_TO);
    TreeSet<LocalDateTime> times = new TreeSet<>();
    while (times.size() < n) {
      LocalDateTime t = UPDATED_FROM.plusSeconds(rng.nextLong(seconds));
      times.add(rng.nextInt(3) == 0 ? t.truncatedTo(ChronoUnit.DAYS) : t);
    }
    return new ArrayList<>(times.descendingSet());
  }

  /** Names of subjects, partners and contacts (invented; contacts use example.com/example.cn mail). */
  static final class Names {
    private Names() {}

    private static final List<String> BRANDS = List.of("智源", "华信", "博奥", "未名", "清源", "海创", "新锐", "金桥", "康辰",
        "京仪", "燕园", "国华", "启明", "中瑞", "恒泰", "普华", "瑞康", "天元", "北斗", "光合");
    private static final Map<String, String> BRAND_PINYIN = Map.ofEntries(Map.entry("智源", "Zhiyuan"),
        Map.entry("华信", "Huaxin"), Map.entry("博奥", "Boao"), Map.entry("未名", "Weiming"), Map.entry("清源", "Qingyuan"),
        Map.entry("海创", "Haichuang"), Map.entry("新锐", "Xinrui"), Map.entry("金桥", "Jinqiao"), Map.entry("康辰", "Kangchen"),
        Map.entry("京仪", "Jingyi"), Map.entry("燕园", "Yanyuan"), Map.entry("国华", "Guohua"), Map.entry("启明", "Qiming"),
        Map.entry("中瑞", "Zhongrui"), Map.entry("恒泰", "Hengtai"), Map.entry("普华", "Puhua"), Map.entry("瑞康", "Ruikang"),
        Map.entry("天元", "Tianyuan"), Map.entry("北斗", "Beidou"), Map.entry("光合", "Guanghe"));
    private static final List<String> TRADES = List.of("生物医药", "环保科技", "智能装备", "信息技术", "新材料", "医疗器械",
        "汽车科技", "软件", "能源科技", "检测技术", "集成电路", "数据科技");
    private static final List<String> TOPICS = List.of("工业", "理工", "医科", "农业", "化工", "交通", "林业", "信息科技",
        "中医药", "材料", "能源", "环境");
    private static final List<String> PARKS = List.of("昌平", "丰台", "大兴", "亦庄", "海淀", "石景山", "通州", "顺义");

    static String subject(String carrierType, SplittableRandom rng) {
      String brand = pick(BRANDS, rng);
      return switch (carrierType) {
        case "ENTERPRISE" -> switch (rng.nextInt(25)) {
          // now and then a name that needs CSV quoting: a comma, or quotation marks
          case 0 -> "Beijing " + BRAND_PINYIN.get(brand) + " Technology Co., Ltd.";
          case 1 -> "北京\"" + brand + "\"" + pick(TRADES, rng) + "有限公司";
          default -> "北京" + brand + pick(TRADES, rng) + (rng.nextBoolean() ? "有限公司" : "股份有限公司");
        };
        case "UNIVERSITY" -> pick(List.of("北京", "首都", "华北", "京华"), rng) + pick(TOPICS, rng) + "大学";
        case "RESEARCH_INSTITUTE" -> rng.nextBoolean()
            ? "北京市" + pick(TOPICS, rng) + "科学研究院" : "中国科学院" + pick(TOPICS, rng) + "研究所";
        case "INTERMEDIARY" -> "北京" + brand + pick(List.of("技术转移中心", "科技服务中心", "国际技术交流中心"), rng);
        case "SCIENCE_PARK" -> "中关村科技园区" + pick(PARKS, rng) + "园";
        default -> throw new IllegalArgumentException(carrierType);
      };
    }

    private static final Map<String, List<String>> PLACES = Map.ofEntries(
        Map.entry("US", List.of("Boston", "Stanford", "Michigan", "Texas", "California", "Chicago", "Seattle")),
        Map.entry("DE", List.of("Munich", "Berlin", "Aachen", "Dresden", "Stuttgart", "Karlsruhe")),
        Map.entry("GB", List.of("Cambridge", "Manchester", "Edinburgh", "Leeds", "Bristol", "Oxford")),
        Map.entry("FR", List.of("Paris", "Lyon", "Grenoble", "Toulouse")),
        Map.entry("JP", List.of("Tokyo", "Osaka", "Kyoto", "Nagoya", "Tohoku")),
        Map.entry("KR", List.of("Seoul", "Busan", "Daejeon", "Pohang")),
        Map.entry("CA", List.of("Toronto", "Montreal", "Waterloo", "Vancouver")),
        Map.entry("RU", List.of("Moscow", "Novosibirsk", "Tomsk")),
        Map.entry("IT", List.of("Milan", "Turin", "Bologna")),
        Map.entry("NL", List.of("Delft", "Eindhoven", "Utrecht")),
        Map.entry("AU", List.of("Sydney", "Melbourne", "Queensland")));
    private static final Map<String, List<String>> PLACES_ZH = Map.of(
        "JP", List.of("东京", "大阪", "京都", "名古屋"), "KR", List.of("首尔", "釜山", "大田"));
    private static final List<String> ZH_TRADES = List.of("精密", "电子", "化学", "制药");
    private static final List<String> ZH_INSTITUTES = List.of("产业技术综合研究所", "科学技术研究院", "技术振兴协会");
    private static final List<String> FIELDS_EN = List.of("Advanced Materials", "Energy Systems", "Biomedicine",
        "Environmental Engineering", "Intelligent Manufacturing", "Information Technology", "Clean Vehicles",
        "Public Health", "Applied Physics", "Sustainable Technology");
    private static final List<String> INDUSTRIES_EN = List.of("Medical", "Energy", "Robotics", "Materials", "Software",
        "Semiconductor", "Automotive", "Water", "Photonics", "Diagnostics");

    static String partner(String countryCode, String type, SplittableRandom rng) {
      Reference.Country country = Reference.get().country(countryCode);
      String place = PLACES.containsKey(countryCode) ? pick(PLACES.get(countryCode), rng) : country.nameEn();
      if (PLACES_ZH.containsKey(countryCode) && rng.nextInt(5) == 0) {
        String zh = pick(PLACES_ZH.get(countryCode), rng);
        return switch (type) {
          case "UNIVERSITY" -> zh + "大学";
          case "ENTERPRISE" -> zh + pick(ZH_TRADES, rng) + "株式会社";
          default -> zh + pick(ZH_INSTITUTES, rng);
        };
      }
      int variant = rng.nextInt(3);
      return switch (type) {
        case "UNIVERSITY" -> switch (rng.nextInt(4)) {
          case 0 -> "University of " + place;
          case 1 -> place + " University";
          case 2 -> place + " Institute of Technology";
          default -> place + " University of Applied Sciences";
        };
        case "ENTERPRISE" -> place + " " + pick(INDUSTRIES_EN, rng) + " " + companySuffix(countryCode, rng);
        case "RESEARCH" -> switch (variant) {
          case 0 -> place + " Institute for " + pick(FIELDS_EN, rng);
          case 1 -> country.nameEn() + " National Laboratory of " + pick(FIELDS_EN, rng);
          default -> place + " Research Centre";
        };
        case "GOVERNMENT" -> switch (variant) {
          case 0 -> "Ministry of Science and Innovation, " + country.nameEn();
          case 1 -> country.nameEn() + " Agency for " + pick(FIELDS_EN, rng);
          default -> place + " Municipal Office of Trade";
        };
        case "INTL_ORG" -> switch (variant) {
          case 0 -> "International " + pick(FIELDS_EN, rng) + " Alliance";
          case 1 -> "World Forum on " + pick(FIELDS_EN, rng);
          default -> "Global \"Green Growth\" Partnership";
        };
        case "INDUSTRY_ORG" -> switch (variant) {
          case 0 -> country.nameEn() + " " + pick(INDUSTRIES_EN, rng) + " Industry Association";
          case 1 -> place + " Chamber of Commerce";
          default -> "Society of " + pick(INDUSTRIES_EN, rng) + " Engineers";
        };
        default -> throw new IllegalArgumentException(type);
      };
    }

    private static String companySuffix(String countryCode, SplittableRandom rng) {
      return switch (countryCode) {
        case "DE", "AT", "CH" -> pick(List.of("GmbH", "AG"), rng);
        case "GB", "IE" -> pick(List.of("Ltd", "plc"), rng);
        case "US", "CA" -> pick(List.of("Inc.", "LLC", "Corp."), rng);
        case "JP", "KR" -> "Co., Ltd.";
        case "FR" -> pick(List.of("SA", "SAS"), rng);
        default -> pick(List.of("Ltd.", "Co.", "Group"), rng);
      };
    }

    private static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
        "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗");
    private static final List<String> SURNAMES_PINYIN = List.of("wang", "li", "zhang", "liu", "chen", "yang", "zhao",
        "huang", "zhou", "wu", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo");
    private static final List<String> GIVEN = List.of("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
        "杰", "娟", "涛", "明", "超", "秀英", "华", "平");
    private static final List<String> GIVEN_PINYIN = List.of("wei", "fang", "na", "min", "jing", "li", "qiang", "lei",
        "jun", "yang", "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xiuying", "hua", "ping");

    /** A fake contact person: name, phone and e-mail each sometimes missing. */
    static Clean.Contact contact(SplittableRandom rng) {
      int s = rng.nextInt(SURNAMES.size());
      int g = rng.nextInt(GIVEN.size());
      String name = rng.nextInt(8) == 0 ? null : SURNAMES.get(s) + GIVEN.get(g);
      String phone = rng.nextInt(6) == 0 ? null : rng.nextBoolean()
          ? "13" + rng.nextInt(10) + Spellings.pad(rng.nextInt(100_000_000), 8)
          : "010-6" + Spellings.pad(rng.nextInt(10_000_000), 7);
      String email = rng.nextInt(4) == 0 ? null : GIVEN_PINYIN.get(g) + "." + SURNAMES_PINYIN.get(s) + rng.nextInt(1000)
          + (rng.nextBoolean() ? "@example.com" : "@example.cn");
      return new Clean.Contact(name, phone, email);
    }

    static <T> T pick(List<T> list, SplittableRandom rng) {
      return list.get(rng.nextInt(list.size()));
    }
  }
}
