package airbytemcp.declarative;

/**
 * An error handler answered RESET_PAGINATION (the API will not page further, e.g. past its 300th
 * page). The stream restarts paging as its {@code pagination_reset} says; a stream without one
 * fails with this message.
 */
final class PaginationResetRequested extends DeclarativeError {
  PaginationResetRequested(String message) {
    super(
        message,
        "The stream has no pagination_reset to continue from; narrow the date range in the config.");
  }
}
