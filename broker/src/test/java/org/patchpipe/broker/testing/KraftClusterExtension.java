package org.patchpipe.broker.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link KraftCluster} for the tests of a class: started before the first, killed and deleted
 * after the last, whatever they did.
 *
 * <pre>{@code
 * @RegisterExtension static final KraftClusterExtension KRAFT = new KraftClusterExtension(3);
 * ... KRAFT.cluster().bootstrapServers() ...
 * }</pre>
 */
public final class KraftClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private final int nodes;
  private KraftCluster cluster;

  public KraftClusterExtension(int nodes) {
    this.nodes = nodes;
  }

  /** The running cluster. */
  public KraftCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the cluster starts before the class's first test");
    }
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = KraftCluster.start(nodes);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
