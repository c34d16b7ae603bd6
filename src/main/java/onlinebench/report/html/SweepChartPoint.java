package onlinebench.report.html;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One point of the sweep chart (throughput vs latency): a level's name and its summary.json object
 * (the page reads vLLM's keys from it: {@code output_throughput}, {@code request_throughput},
 * {@code median_e2el_ms}, {@code p99_ttft_ms}, ...).
 *
 * @param label how the level is named on the chart, e.g. {@code concurrency 16} or {@code 8 req/s}
 * @param summary that level's summary.json
 */
public record SweepChartPoint(String label, JsonNode summary) {}
