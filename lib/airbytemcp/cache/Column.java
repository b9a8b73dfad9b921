package airbytemcp.cache;

/** One typed column of a stream's table; {@code name} is already normalised. */
public record Column(String name, SqlType type) {}
