package onlinebench.config;

import java.util.Map;
import java.util.Optional;

/**
 * The user's system properties and environment, looked up by {@link Parameter} in both spellings,
 * camelCase first, then kebab-case, then the environment variable.
 */
final class UserInput {
  private final Map<String, String> properties;
  private final Map<String, String> environment;

  UserInput(Map<String, String> properties, Map<String, String> environment) {
    this.properties = Map.copyOf(properties);
    this.environment = Map.copyOf(environment);
  }

  Optional<RawValue> get(Parameter parameter) {
    String camel = properties.get(parameter.property());
    if (camel != null) {
      return Optional.of(new RawValue(camel, "-D" + parameter.property()));
    }
    String kebab = properties.get(parameter.kebabAlias());
    if (kebab != null) {
      return Optional.of(new RawValue(kebab, "-D" + parameter.kebabAlias()));
    }
    return parameter
        .environmentVariable()
        .flatMap(
            name ->
                Optional.ofNullable(environment.get(name))
                    .filter(v -> !v.isBlank())
                    .map(v -> new RawValue(v, "env " + name)));
  }

  Optional<String> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }
}
