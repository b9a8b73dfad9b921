package airbytemcp.destinations;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a destination smoke test, field for field as PyAirbyte reports it. {@code
 * tableStatistics} and {@code tablesNotFound} are null when the destination's tables could not be
 * read back.
 */
public record SmokeTestResult(
    boolean success,
    String destination,
    String namespace,
    long recordsDelivered,
    String scenariosRequested,
    double elapsedSeconds,
    String error,
    Boolean preflightPassed,
    Map<String, TableStatistics> tableStatistics,
    Map<String, String> tablesNotFound,
    List<String> warnings) {}
