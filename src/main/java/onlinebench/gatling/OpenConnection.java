package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.ActionBuilder;
import java.net.URI;
import onlinebench.config.BenchConfig;

/**
 * Moves a virtual user on once it has opened its connection to the server, with one unmeasured
 * {@code GET} ({@link ChatTransport#openConnection}).
 *
 * <p>Why: a closed-model level releases all its users at once, and a client whose connections are
 * not open yet opens them all in that instant; the server accepts and reads them one after another,
 * and every first request's TTFT carries its place in that queue (benchmarks/RESULTS.md, "Cold
 * start": +16.6 ms at the median with 64 users against the simulator's truth, +1.0 ms once the
 * connections were open). Opening them before the users meet leaves the queue out of the figures.
 */
final class OpenConnection extends NamedAction {
  private final ChatTransport transport;
  private final URI url;
  private final Action next;

  OpenConnection(ChatTransport transport, URI url, Action next) {
    super("open connection");
    this.transport = transport;
    this.url = url;
    this.next = next;
  }

  /**
   * Opens the connection to the benchmark's server with a {@code GET /models} at its {@code
   * apiBase}, the cheapest request every OpenAI-compatible server answers (the preflight asks it
   * too), on the pool the chat requests use.
   */
  static ActionBuilder to(BenchConfig config) {
    return ActionBuilders.of(
        (ctx, next) ->
            new OpenConnection(
                ChatTransport.of(ctx, config),
                URI.create(config.apiBase().get() + "/models"),
                next));
  }

  @Override
  public void execute(Session session) {
    transport.openConnection(url, session.userId(), session.eventLoop(), () -> next.$bang(session));
  }
}
