package org.cooplake.common.io;

import java.util.List;

/**
 * What the driver learns about a file before Spark reads it: its fingerprint, its encoding (text
 * files), the header it declares, or why it cannot be used.
 */
public record Inspection(LandingFile file, String sha256, String encoding, List<String> headers, String rejectCode,
    String rejectReason, boolean endsInsideQuotes) {

  public Inspection(LandingFile file, String sha256, String encoding, List<String> headers, String rejectCode,
      String rejectReason) {
    this(file, sha256, encoding, headers, rejectCode, rejectReason, false);
  }

  /**
   * A CSV file whose double quotes are odd in number ends inside a quoted field: its last record
   * swallowed the rest of the file, and Spark's parser would hand it back without complaint.
   */
  public Inspection withEndsInsideQuotes(boolean value) {
    return new Inspection(file, sha256, encoding, headers, rejectCode, rejectReason, value);
  }

  public boolean rejected() {
    return rejectCode != null;
  }

  public Inspection reject(String code, String reason) {
    return new Inspection(file, sha256, encoding, headers, code, reason, endsInsideQuotes);
  }
}
