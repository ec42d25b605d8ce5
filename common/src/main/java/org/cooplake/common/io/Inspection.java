package org.cooplake.common.io;

import java.util.List;

/**
 * What the driver learns about a file before Spark reads it: its fingerprint, its encoding (text
 * files), the header it declares, or why it cannot be used.
 */
public record Inspection(LandingFile file, String sha256, String encoding, List<String> headers, String rejectCode,
    String rejectReason) {

  public boolean rejected() {
    return rejectCode != null;
  }

  public Inspection reject(String code, String reason) {
    return new Inspection(file, sha256, encoding, headers, code, reason);
  }
}
