package airbytemcp.destinations;

import java.util.Map;

/**
 * What a destination table holds after a smoke test: its name, row count and columns with their
 * types.
 */
public record TableStatistics(String tableName, long rowCount, Map<String, String> columns) {}
