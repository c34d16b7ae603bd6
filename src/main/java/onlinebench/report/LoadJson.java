package onlinebench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import onlinebench.config.BenchConfig;
import onlinebench.config.LoadModel;
import onlinebench.load.UserPool;

/**
 * The load model's keys in summary.json, in vLLM's shape: {@code request_rate} is a number, or
 * {@code "inf"} for the closed model (vLLM's value when every request is sent at once and only
 * max_concurrency limits); {@code max_concurrency} is null for an uncapped open model.
 */
final class LoadJson {
  private LoadJson() {}

  static void header(ObjectNode root, BenchConfig config) {
    LoadModel load = config.load();
    if (load.open()) {
      root.put("request_rate", load.requestRate().getAsDouble());
      root.put("arrival", load.arrival().key());
      root.put("burstiness", load.burstiness());
      if (load.maxConcurrency().isPresent()) {
        root.put("max_concurrency", load.maxConcurrency().getAsInt());
      } else {
        root.putNull("max_concurrency");
      }
      root.put("user_pool", UserPool.of(config));
    } else {
      root.put("request_rate", "inf");
      root.putNull("arrival");
      root.put("burstiness", load.burstiness());
      root.put("max_concurrency", config.concurrency());
    }
    if (load.duration().isPresent()) {
      root.put("duration_limit_s", load.duration().get().toNanos() / 1e9);
    } else {
      root.putNull("duration_limit_s");
    }
    if (load.rampUp().isPresent()) {
      root.put("ramp_up_s", load.rampUp().get().toNanos() / 1e9);
    } else {
      root.putNull("ramp_up_s");
    }
  }
}
