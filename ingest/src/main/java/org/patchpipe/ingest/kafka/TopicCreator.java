package org.patchpipe.ingest.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.patchpipe.event.Topics;

/**
 * Creates patchpipe's four {@link Topics} with their partitions and configs. Of topics that already
 * exist (made by hand, or auto-created by a consumer that came first) it sets only what
 * correctness needs: {@code max.message.bytes}, so large mail fits, and {@code
 * cleanup.policy=compact} on the positions topic. Retention and partition counts of existing
 * topics are left as their owner set them (changing partitions would move keys).
 *
 * <pre>{@code
 * new TopicCreator(Map.of("bootstrap.servers", "127.0.0.1:9092")).ensure(Topics.DEFAULT);
 * }</pre>
 *
 * <p>Stateless apart from its admin client properties. Throws {@link PublishException} when the
 * cluster cannot be reached within a minute or refuses (e.g. not authorised to create topics).
 */
public final class TopicCreator {
  private final Map<String, Object> adminProperties;

  public TopicCreator(Map<String, Object> adminProperties) {
    this.adminProperties = Map.copyOf(adminProperties);
  }

  /** Creates missing topics and sets the configs of all four. */
  public void ensure(Topics topics) {
    Properties p = new Properties();
    p.putAll(adminProperties);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : topics.names()) {
        if (!existing.contains(name)) {
          missing.add(
              new NewTopic(name, topics.partitionsOf(name), topics.replicationFactor())
                  .configs(topics.configsOf(name)));
        }
      }
      create(admin, missing);
      alter(admin, topics, existing);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishException(
          "cannot create or configure the topics " + topics.names() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while creating topics", e);
    }
  }

  private static void create(Admin admin, Collection<NewTopic> missing)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Another process may have created one at the same time: that is fine.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static void alter(Admin admin, Topics topics, Set<String> existing)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (String name : topics.names()) {
      if (!existing.contains(name)) {
        continue;
      }
      List<AlterConfigOp> ops = new ArrayList<>();
      topics.configsOf(name).forEach(
          (key, value) -> {
            if (key.equals("max.message.bytes") || key.equals("cleanup.policy")) {
              ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
          });
      changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), ops);
    }
    if (!changes.isEmpty()) {
      admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
    }
  }
}
