package onlinebench.record;

/**
 * Why a request failed. Every failed request lands in exactly one kind; the names are the keys of
 * {@code errors} in summary.json.
 */
public enum ErrorKind {
  /** HTTP 4xx other than 429: a refused key, an unknown model, a request the server rejects. */
  HTTP_4XX("http_4xx"),
  /** HTTP 429: the server is rate-limiting. */
  HTTP_429("http_429"),
  /** HTTP 5xx: the server failed. */
  HTTP_5XX("http_5xx"),
  /** No complete answer within requestTimeout. */
  TIMEOUT("timeout"),
  /** No answer at all: refused, reset or closed before the response headers. */
  CONNECTION("connection"),
  /** The answer began but ended early: a stream or body cut in the middle, no [DONE]. */
  STREAM_TRUNCATED("stream_truncated"),
  /**
   * An answer that is not what the API promises: not JSON, no choices[0].message, an error event.
   */
  BAD_RESPONSE("bad_response");

  private final String key;

  ErrorKind(String key) {
    this.key = key;
  }

  /** The name used in summary.json and on the console. */
  public String key() {
    return key;
  }

  /** The kind of a non-2xx HTTP status, or of a 1xx/3xx the client cannot use. */
  public static ErrorKind ofStatus(int status) {
    if (status == 429) {
      return HTTP_429;
    }
    if (status >= 500) {
      return HTTP_5XX;
    }
    if (status >= 400) {
      return HTTP_4XX;
    }
    return BAD_RESPONSE;
  }
}
