package airbytemcp.declarative;

/**
 * Jinja's {@code UndefinedError}: a template used an undefined value in a way that needs a value
 * (called a method a value lacks, such as {@code True.get('a')}, or passed a missing config field
 * to {@code format_datetime}). The CDK catches it and gives the whole template its default, so the
 * interpolator does the same instead of failing the stream.
 */
final class JinjaUndefined extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JinjaUndefined(String what) {
    super(what, null, false, false);
  }
}
