package airbytemcp.connectors;

import airbytemcp.testing.FakeConnector;
import airbytemcp.testing.TestResolvers;

/** The test connector as a program on the PATH, run by the local executor. */
class LocalExecutorTest extends ExecutorContract {
  @Override
  Connector connector(RunLimits limits) {
    return TestResolvers.create(
            workDir,
            TestResolvers.pathWithFake(),
            TestResolvers.NO_DOCKER,
            NativeConnectorFactory.unavailable(),
            masker,
            limits)
        .resolve(ConnectorRequest.of(FakeConnector.NAME).withMode(ExecutionMode.LOCAL));
  }
}
