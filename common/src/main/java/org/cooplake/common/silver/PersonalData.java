package org.cooplake.common.silver;

import java.util.List;
import org.cooplake.common.model.Feed;

/**
 * Raw columns that hold personal data (RAW_CONTRACT.md: contact name, phone, e-mail). They are
 * dropped at the door of silver: no silver table, not even the quarantine's copy of the raw
 * values, carries them. No use needs linkage on them, so no keyed hash is kept either.
 */
public final class PersonalData {
  private PersonalData() {}

  public static final List<String> COLUMNS = List.of("contact_name", "contact_phone", "contact_email");

  /** The contract columns of {@code feed} that may be copied into silver (the quarantine's raw map included). */
  public static List<String> shareableColumns(Feed feed) {
    return feed.columnNames().stream().filter(c -> !COLUMNS.contains(c)).toList();
  }
}
