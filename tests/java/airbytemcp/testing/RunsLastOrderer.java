package airbytemcp.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The suite's class order (junit-platform.properties): the order classes were found in, except that
 * {@link RunsLast} classes come after all others.
 */
public final class RunsLastOrderer implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    // a stable sort: every other class keeps its place
    context
        .getClassDescriptors()
        .sort(Comparator.comparing((ClassDescriptor c) -> c.isAnnotated(RunsLast.class)));
  }
}
