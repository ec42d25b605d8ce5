package org.cooplake.jobs.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cooplake.common.reference.ReferenceData;

/**
 * The reference tables (data/reference, via {@link ReferenceData}) as the generator uses them:
 * members by code, for display names, continents and the spellings deliveries use.
 */
final class Reference {
  record District(String code, String nameZh, String shortZh, String pinyin, String nameEn) {}

  record Country(String code, String iso3, String nameEn, String nameZh, String continent, boolean hmt) {}

  record Named(String code, String nameZh, String nameEn) {}

  final Map<String, District> districts;
  final Map<String, Country> countries;
  final Map<String, Named> fields;
  final Map<String, Named> carrierTypes;
  final Map<String, Named> partnerTypes;
  final Map<String, Named> modes;

  private static Reference instance;

  private Reference(ReferenceData data) {
    Map<String, District> d = new LinkedHashMap<>();
    for (ReferenceData.District x : data.districts()) {
      d.put(x.code(), new District(x.code(), x.nameZh(), x.shortNameZh(), x.pinyin(), x.nameEn()));
    }
    Map<String, Country> c = new LinkedHashMap<>();
    for (ReferenceData.Country x : data.countries()) {
      c.put(x.code(), new Country(x.code(), x.iso3(), x.nameEn(), x.nameZh(), x.continent(), x.hmt()));
    }
    districts = Collections.unmodifiableMap(d);
    countries = Collections.unmodifiableMap(c);
    fields = named(data.fields());
    carrierTypes = named(data.carrierTypes());
    partnerTypes = named(data.partnerTypes());
    modes = named(data.modes());
  }

  static synchronized Reference get() {
    if (instance == null) instance = new Reference(ReferenceData.load());
    return instance;
  }

  Country country(String code) {
    Country c = countries.get(code);
    if (c == null) throw new IllegalArgumentException("country code not in data/reference/countries.csv: " + code);
    return c;
  }

  District district(String code) {
    District d = districts.get(code);
    if (d == null) throw new IllegalArgumentException("district code not in data/reference/districts.csv: " + code);
    return d;
  }

  private static Map<String, Named> named(List<ReferenceData.Member> members) {
    Map<String, Named> m = new LinkedHashMap<>();
    for (ReferenceData.Member x : members) m.put(x.code(), new Named(x.code(), x.nameZh(), x.nameEn()));
    return Collections.unmodifiableMap(m);
  }
}
