package org.cooplake.common.silver;

/**
 * The row balance of one feed in one clean run: every bronze row read this run, and every parked
 * partner row carried in from earlier runs, ends in exactly one place.
 *
 * <pre>rows_read + pending_before = current + superseded + quarantined + pending_after</pre>
 *
 * {@code current}: versions written to silver this run (Delta MERGE's inserted + updated rows);
 * {@code superseded}: valid versions that lost to another version of their key (in this run or
 * already in silver, identical re-deliveries included); {@code quarantined}: rejected rows;
 * {@code pending}: valid partner rows waiting for their project.
 */
public record FeedBalance(String feed, long rowsRead, long pendingBefore, long current, long superseded,
    long quarantined, long pendingAfter) {

  public static FeedBalance none(String feed, long pending) {
    return new FeedBalance(feed, 0, pending, 0, 0, 0, pending);
  }

  public boolean balanced() {
    return rowsRead + pendingBefore == current + superseded + quarantined + pendingAfter;
  }

  public String describe() {
    return rowsRead + " read + " + pendingBefore + " pending before = " + (rowsRead + pendingBefore) + ", but "
        + current + " current + " + superseded + " superseded + " + quarantined + " quarantined + " + pendingAfter
        + " pending after = " + (current + superseded + quarantined + pendingAfter);
  }
}
