package org.patchpipe.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.BrokerException;
import org.patchpipe.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patchpipe broker}: run a single-node KRaft Kafka broker until stopped. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a single-node Kafka broker (KRaft, broker and controller in one) until Ctrl-C or SIGTERM.",
      "",
      "The data directory is formatted on first start and reused afterwards: topics, committed"
          + " transactions and positions survive restarts. It listens on 127.0.0.1 only, without"
          + " authentication. Point replay, store and daemon at it with"
          + " --bootstrap-servers 127.0.0.1:PORT.",
    })
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/broker",
      description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
      description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(new BrokerConfig(dataDir, port, Map.of()));
    } catch (IllegalArgumentException | BrokerException e) {
      throw new UserError(e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "patchpipe-broker-shutdown"));
    System.out.println("patchpipe: Kafka broker listening on " + broker.bootstrapServers()
        + " (data in " + dataDir.toAbsolutePath() + "); Ctrl-C stops it");
    System.out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
