package onlinebench.gatling;

import io.gatling.core.session.Session;
import io.gatling.core.session.Session$;

/** Gatling sessions for unit tests: no event loop, attributes set one by one. */
final class Sessions {
  private Sessions() {}

  static Session empty() {
    return Session$.MODULE$.apply("scenario", 1L, null);
  }

  static Session with(String key, Object value) {
    return empty().set(key, value);
  }
}
