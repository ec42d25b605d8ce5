package org.cooplake.common.reference;

/**
 * A coded dimension of the raw feeds: its member table {@code <members>.csv} and its alias table
 * {@code aliases/<name>.csv} ({@code alias, code}) under data/reference, the hand-written extra
 * spellings in {@code curated/<name>_aliases.csv}.
 */
public enum Dimension {
  DISTRICT("districts.csv", "district"),
  COUNTRY("countries.csv", "country"),
  FIELD("fields.csv", "field"),
  CARRIER_TYPE("carrier_types.csv", "carrier_type"),
  PARTNER_TYPE("partner_types.csv", "partner_type"),
  MODE("modes.csv", "mode");

  private final String membersFile;
  private final String fileStem;

  Dimension(String membersFile, String fileStem) {
    this.membersFile = membersFile;
    this.fileStem = fileStem;
  }

  /** The member table under data/reference, e.g. {@code districts.csv}. */
  public String membersFile() {
    return membersFile;
  }

  /** The alias table under data/reference, e.g. {@code aliases/district.csv}. */
  public String aliasesFile() {
    return "aliases/" + fileStem + ".csv";
  }

  /** The hand-written extra spellings under data/reference/curated, e.g. {@code district_aliases.csv}. */
  public String curatedAliasesFile() {
    return fileStem + "_aliases.csv";
  }

  /** Whether the member table itself is hand-written (in curated/) rather than derived from ../shared. */
  public boolean membersCurated() {
    return this != DISTRICT && this != COUNTRY;
  }
}
