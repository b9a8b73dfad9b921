package airbytemcp.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;

/**
 * Declared before {@code @Testcontainers} on a test class: skips the class with the reason (fails
 * it in CI) when no Docker engine answers or a {@code @Container}'s image can neither be found nor
 * pulled, before Testcontainers tries to start anything.
 */
public final class DockerRequired implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    TestContainers.requireDocker();
    for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(Container.class)) {
        field.setAccessible(true);
        if (field.get(null) instanceof GenericContainer<?> container) {
          TestContainers.requireImage(container);
        }
      }
    }
  }
}
