package onlinebench.config;

/** How the live progress line is shown. */
public enum ProgressMode {
  /** Rewritten in place on a terminal, a plain line every few seconds otherwise. */
  AUTO,
  /** Always rewritten in place with a carriage return. */
  TTY,
  /** A plain line every few seconds. */
  PLAIN,
  /** Not shown. */
  OFF
}
