package onlinebench.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import onlinebench.config.ApiKey;
import onlinebench.config.Endpoint;
import onlinebench.config.TlsTrust;
import onlinebench.prompt.ChatPrompt;

/**
 * One cheap probe before any load, as vLLM's benchmark does: {@code GET /models}, then one tiny
 * request to the endpoint the run benchmarks ({@code /chat/completions} or {@code /completions}).
 * An unreachable server, a refused key or a model the server does not serve stops the run within
 * seconds with one clear line ({@link PreflightException}); anything else is left to the run, which
 * counts failures by kind.
 */
public final class Preflight {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SKIP_HINT = " (-Dpreflight=false skips this check)";

  private final URI apiBase;
  private final ApiKey apiKey;
  private final String model;
  private final Endpoint endpoint;
  private final Duration timeout;
  private final TlsTrust tlsTrust;
  private final HttpClient client;

  /**
   * @param endpoint the API the run benchmarks, probed with one tiny request
   * @param tlsTrust the TLS trust the load uses, so the probe judges certificates the same way
   * @throws IOException when the trusted certificates cannot be read
   */
  public Preflight(
      URI apiBase,
      ApiKey apiKey,
      String model,
      Endpoint endpoint,
      Duration timeout,
      TlsTrust tlsTrust)
      throws IOException {
    this.apiBase = apiBase;
    this.apiKey = apiKey;
    this.model = model;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.tlsTrust = tlsTrust;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .sslContext(TlsContexts.jdk(tlsTrust))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Runs both probes.
   *
   * @return warnings worth a line (e.g. a model missing from /models that the server accepts)
   * @throws PreflightException when the run cannot work
   */
  public List<String> check() {
    List<String> warnings = new ArrayList<>();
    Optional<List<String>> served = servedModels();
    HttpResponse<String> chat =
        send(
            request(endpoint.path())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tinyRequest()))
                .build());
    int status = chat.statusCode();
    refuseKey(status, chat.body());
    if (status == 404 && !mentionsModel(chat.body())) {
      throw new PreflightException(
          "POST "
              + apiBase
              + endpoint.path()
              + " answered HTTP 404: "
              + apiKey.maskIn(message(chat.body()))
              + "; is apiBase right? It usually ends in /v1 (-DapiBase)"
              + (endpoint == Endpoint.COMPLETIONS
                  ? "; does the server serve the legacy /completions? (-Dendpoint=chat uses"
                      + " /chat/completions)"
                  : "")
              + SKIP_HINT);
    }
    if ((status == 404 || status == 400) && mentionsModel(chat.body())) {
      throw new PreflightException(
          "The server does not serve model \""
              + model
              + "\": "
              + message(chat.body())
              + served.map(m -> "; it offers: " + String.join(", ", m)).orElse("")
              + " (-Dmodel)"
              + SKIP_HINT);
    }
    if (status != 200) {
      warnings.add(
          "Preflight request to "
              + endpoint.path()
              + " got HTTP "
              + status
              + ": "
              + apiKey.maskIn(message(chat.body()))
              + "; the run goes on and counts such failures");
    } else if (served.isPresent() && !served.get().contains(model)) {
      warnings.add(
          "Model \""
              + model
              + "\" is not in "
              + apiBase
              + "/models ("
              + String.join(", ", served.get())
              + "), but the server accepted it");
    }
    return warnings;
  }

  /** The ids from {@code GET /models}; empty when the server has no such endpoint. */
  private Optional<List<String>> servedModels() {
    HttpResponse<String> response = send(request("/models").GET().build());
    refuseKey(response.statusCode(), response.body());
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    try {
      List<String> ids = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(response.body()).path("data")) {
        if (entry.path("id").isTextual()) {
          ids.add(entry.path("id").asText());
        }
      }
      return Optional.of(ids);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void refuseKey(int status, String body) {
    if (status == 401 || status == 403) {
      throw new PreflightException(
          "The server refused the API key "
              + apiKey.masked()
              + " (HTTP "
              + status
              + ": "
              + apiKey.maskIn(message(body))
              + "); set -DapiKey or OPENAI_API_KEY"
              + SKIP_HINT);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(apiBase + path))
            .timeout(timeout)
            .header("User-Agent", UserAgent.VALUE)
            .header("Accept", "application/json");
    if (!apiKey.reveal().isEmpty()) {
      builder.header("Authorization", "Bearer " + apiKey.reveal());
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + timeout.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      throw unreachable(
          "no answer to " + request.uri().getPath() + " within " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      throw unreachable("connection refused");
    } catch (SSLException e) {
      throw tlsFailure(e);
    } catch (IOException e) {
      if (e.getCause() instanceof SSLException tls) {
        throw tlsFailure(tls);
      }
      throw unreachable(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable("interrupted");
    }
  }

  private PreflightException unreachable(String why) {
    return new PreflightException(
        "Cannot reach "
            + apiBase
            + ": "
            + why
            + "; is the server running? (-DapiBase)"
            + SKIP_HINT);
  }

  /**
   * A TLS handshake failed: most often the certificate is not trusted (self-signed, a private CA),
   * which -DtlsTrust fixes; else the port may not speak TLS at all.
   */
  private PreflightException tlsFailure(SSLException e) {
    String certificateProblem = certificateProblem(e);
    if (certificateProblem != null) {
      return new PreflightException(
          "The TLS certificate of "
              + apiBase
              + " is not trusted ("
              + certificateProblem
              + "; tlsTrust="
              + tlsTrust.describe()
              + "): use -DtlsTrust=<PEM file of the server's certificate or its CA>, or"
              + " -DtlsTrust=all to accept any certificate (test servers only)");
    }
    return new PreflightException(
        "TLS handshake with "
            + apiBase
            + " failed ("
            + describe(e)
            + "); does the server speak HTTPS on that port? (http:// otherwise, -DapiBase)"
            + SKIP_HINT);
  }

  /** The deepest message of a certificate exception in the chain, or null if there is none. */
  private static String certificateProblem(Throwable failure) {
    String problem = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GeneralSecurityException && t.getMessage() != null) {
        // CertificateException (the JDK's ValidatorException, a name mismatch) and the
        // CertPathBuilderException under it: the innermost says it most plainly
        problem = t.getMessage().strip();
      }
    }
    return problem;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message.strip();
  }

  private byte[] tinyRequest() {
    return new ChatRequestEncoder(endpoint, model, false, false, Optional.empty())
        .encode(ChatPrompt.user("ping", 1));
  }

  private static boolean mentionsModel(String body) {
    return body != null && body.toLowerCase(java.util.Locale.ROOT).contains("model");
  }

  private static String message(String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return ErrorBody.message(bytes, bytes.length);
  }
}
