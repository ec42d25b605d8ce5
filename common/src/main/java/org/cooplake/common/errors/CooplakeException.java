package org.cooplake.common.errors;

/**
 * A user-facing error: what went wrong, why, and how to fix it. Built only through {@link Errors}
 * so that every message a user can see is written in one place.
 */
public final class CooplakeException extends RuntimeException {
  private final String code;
  private final String problem;
  private final String cause;
  private final String fix;

  CooplakeException(String code, String problem, String cause, String fix, Throwable underlying) {
    super(code + ": " + problem + (cause.isEmpty() ? "" : " Why: " + cause) + (fix.isEmpty() ? "" : " Fix: " + fix),
        underlying);
    this.code = code;
    this.problem = problem;
    this.cause = cause;
    this.fix = fix;
  }

  /** Stable identifier, e.g. {@code WAREHOUSE_IN_USE}. */
  public String code() {
    return code;
  }

  public String problem() {
    return problem;
  }

  public String why() {
    return cause;
  }

  public String fix() {
    return fix;
  }

  /** The text a command line prints: one line per part, no stack trace. */
  public String userMessage() {
    StringBuilder sb = new StringBuilder("error [").append(code).append("]: ").append(problem);
    if (!cause.isEmpty()) sb.append("\n  why: ").append(cause);
    if (!fix.isEmpty()) sb.append("\n  fix: ").append(fix);
    return sb.toString();
  }
}
