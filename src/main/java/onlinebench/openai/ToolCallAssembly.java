package onlinebench.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import onlinebench.prompt.ToolCall;

/**
 * Joins a stream's tool-call pieces into whole calls: pieces of one call share an {@code index};
 * its {@code id} and name arrive once (the first non-null wins), its arguments in fragments joined
 * in arrival order. Calls come out in index order. One per stream, used from one thread.
 */
final class ToolCallAssembly {
  private final Map<Integer, Builder> byIndex = new TreeMap<>();

  private static final class Builder {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  void add(ToolCallDelta piece) {
    Builder call = byIndex.computeIfAbsent(piece.index(), i -> new Builder());
    if (call.id == null && piece.id() != null) {
      call.id = piece.id();
    }
    if (call.name == null && piece.name() != null) {
      call.name = piece.name();
    }
    if (piece.arguments() != null) {
      call.arguments.append(piece.arguments());
    }
  }

  /** The calls so far, in index order; a call whose name never came has the name {@code ""}. */
  List<ToolCall> calls() {
    List<ToolCall> calls = new ArrayList<>(byIndex.size());
    for (Builder b : byIndex.values()) {
      calls.add(
          new ToolCall(
              b.id == null ? "" : b.id, b.name == null ? "" : b.name, b.arguments.toString()));
    }
    return List.copyOf(calls);
  }
}
