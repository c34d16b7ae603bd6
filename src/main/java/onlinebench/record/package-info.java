/**
 * The bottom of the pipeline: what happened to one request ({@link
 * onlinebench.record.RequestRecord}), why it failed ({@link onlinebench.record.ErrorKind}), and the
 * sinks every producer writes to ({@link onlinebench.record.RequestSink}, {@link
 * onlinebench.record.LoadEvents}). Imported by the protocol, the Gatling adapter, metrics, reports
 * and the run; imports nothing of ours (checked by {@code ArchitectureTest}).
 */
package onlinebench.record;
