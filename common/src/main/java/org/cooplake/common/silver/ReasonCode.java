package org.cooplake.common.silver;

import java.util.Arrays;
import java.util.List;
import org.cooplake.common.model.Feed;

/**
 * Why a raw row was quarantined. Stable identifiers: dashboards, tickets and docs/reason-codes.md
 * refer to them, so a code is never renamed or reused. A row lists every code that applies.
 */
public enum ReasonCode {
  MALFORMED_RECORD(null),
  MISSING_PROJECT_ID(null),
  MISSING_SUBJECT_ID(Feed.PROJECTS),
  MISSING_DISTRICT(Feed.PROJECTS),
  MISSING_CARRIER_TYPE(Feed.PROJECTS),
  MISSING_FIELD(Feed.PROJECTS),
  MISSING_MODES(Feed.PROJECTS),
  MISSING_START_DATE(Feed.PROJECTS),
  MISSING_UPDATED_AT(null),
  MISSING_PARTNER_NAME(Feed.PARTNERS),
  MISSING_PARTNER_COUNTRY(Feed.PARTNERS),
  MISSING_PARTNER_TYPE(Feed.PARTNERS),
  UNKNOWN_DISTRICT(Feed.PROJECTS),
  UNKNOWN_CARRIER_TYPE(Feed.PROJECTS),
  UNKNOWN_FIELD(Feed.PROJECTS),
  UNKNOWN_MODE(Feed.PROJECTS),
  UNKNOWN_COUNTRY(Feed.PARTNERS),
  UNKNOWN_PARTNER_TYPE(Feed.PARTNERS),
  DOMESTIC_PARTNER(Feed.PARTNERS),
  BAD_DATE(Feed.PROJECTS),
  BAD_UPDATED_AT(null),
  END_BEFORE_START(Feed.PROJECTS),
  BAD_AMOUNT(Feed.PROJECTS),
  NEGATIVE_AMOUNT(Feed.PROJECTS);

  /** The one feed the code applies to, or null for both. */
  private final Feed feed;

  ReasonCode(Feed feed) {
    this.feed = feed;
  }

  public boolean appliesTo(Feed f) {
    return feed == null || feed == f;
  }

  public static List<ReasonCode> of(Feed f) {
    return Arrays.stream(values()).filter(c -> c.appliesTo(f)).toList();
  }
}
