package airbytemcp.testing;

import org.testcontainers.images.AbstractImagePullPolicy;
import org.testcontainers.images.ImageData;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' pull policy for every image (tests/resources/testcontainers.properties): an image
 * missing locally is pulled as usual (one already there never is), unless pulls are off
 * (AIRBYTE_MCP_TEST_NO_PULL=true, as on an offline CI), where a pull could only hang until its
 * timeout.
 */
public final class ConfiguredPullPolicy extends AbstractImagePullPolicy {
  @Override
  public boolean shouldPull(DockerImageName imageName) {
    return TestContainers.pullsAllowed() && super.shouldPull(imageName);
  }

  @Override
  protected boolean shouldPullCached(DockerImageName imageName, ImageData localImageData) {
    return false;
  }
}
