package onlinebench.gatling;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.protocol.ProtocolKey;
import io.gatling.core.session.Session;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import onlinebench.config.ApiKey;
import onlinebench.config.Endpoint;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * The {@code llm} protocol as Gatling holds it once a Simulation's {@code setUp(...).protocols(..)}
 * has it: where chat actions send and their defaults. Built by {@link LlmProtocolBuilder}.
 *
 * @param baseUrl the API base, e.g. {@code http://127.0.0.1:8000/v1}, without a trailing slash
 * @param apiKey the bearer token; empty for none
 * @param model the {@code model} of every request
 * @param stream whether chat actions stream unless they say otherwise
 * @param maxTokens the {@code max_tokens} of chat actions that set none
 * @param requestTimeout send to last byte, per request
 */
record LlmProtocol(
    URI baseUrl,
    ApiKey apiKey,
    String model,
    boolean stream,
    OptionalInt maxTokens,
    Duration requestTimeout)
    implements Protocol {

  /** Gatling finds the protocol's components under this key. */
  static final ProtocolKey<LlmProtocol, Components> KEY = new Key();

  /** The chat-completions URL under the base. */
  URI chatCompletionsUrl() {
    return url(Endpoint.CHAT);
  }

  /**
   * The URL of {@code endpoint} under the base: {@code <base>/chat/completions} or {@code
   * /completions}.
   */
  URI url(Endpoint endpoint) {
    return URI.create(baseUrl + endpoint.path());
  }

  /**
   * What a chat action reads when it is built: the protocol, and the run its requests and users are
   * counted in (one for the whole Gatling run, shared by every scenario).
   */
  record Components(LlmProtocol protocol, ScenarioRun run) implements ProtocolComponents {
    @Override
    public Function1<Session, Session> onStart() {
      return run::userStarted;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
      return session -> {
        run.userExited(session);
        return BoxedUnit.UNIT;
      };
    }
  }

  private static final class Key implements ProtocolKey<LlmProtocol, Components> {
    @Override
    @SuppressWarnings("unchecked")
    public Class<Protocol> protocolClass() {
      // Gatling indexes the protocols a Simulation sets by their runtime class
      return (Class<Protocol>) (Class<?>) LlmProtocol.class;
    }

    @Override
    public LlmProtocol defaultProtocolValue(GatlingConfiguration configuration) {
      // asked only when a chat action runs in a Simulation that set no llm protocol
      throw new IllegalStateException(
          "a chat action needs the llm protocol: setUp(...).protocols(LlmDsl.llm()"
              + ".baseUrl(\"http://host:8000/v1\").model(\"...\"))");
    }

    @Override
    public Function1<LlmProtocol, Components> newComponents(CoreComponents coreComponents) {
      // Gatling asks once per run and caches the factory for every scenario (3.15.1's bytecode:
      // ProtocolComponentsRegistries holds componentsFactoryCache, built once in
      // SimulationParams.populationFlows; each scenario's registry applies it to its protocol), so
      // the run-wide figures start here; a scenario's users exit through Session.exit, which
      // calls its registry's onExit (io.gatling.core.action.Exit)
      ScenarioRun run = ScenarioRun.startedWithShutdownHook();
      return protocol -> new Components(protocol, run);
    }
  }
}
