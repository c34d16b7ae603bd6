package onlinebench.openai;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes every callback as a short line ("token@7" for answer text, "reasoning@7" for reasoning
 * only, "finish:stop", "usage:7/2", "usage:7/2/1" with reasoning tokens...) so tests compare lists.
 */
final class RecordingListener implements ChatStreamListener {

  final List<String> events = new ArrayList<>();
  final List<String> malformedDetails = new ArrayList<>();

  @Override
  public void onTokenChunk(long arrivalNanos, boolean answer) {
    events.add((answer ? "token@" : "reasoning@") + arrivalNanos);
  }

  @Override
  public void onUsage(long promptTokens, long completionTokens, long reasoningTokens) {
    events.add(
        "usage:"
            + promptTokens
            + "/"
            + completionTokens
            + (reasoningTokens < 0 ? "" : "/" + reasoningTokens));
  }

  @Override
  public void onFinishReason(String reason) {
    events.add("finish:" + reason);
  }

  @Override
  public void onStreamError(String message) {
    events.add("error:" + message);
  }

  @Override
  public void onMalformedEvent(String detail) {
    events.add("malformed");
    malformedDetails.add(detail);
  }

  @Override
  public void onDone() {
    events.add("done");
  }

  @Override
  public void onIncompleteEvent(long discardedBytes) {
    events.add("incomplete:" + discardedBytes);
  }
}
