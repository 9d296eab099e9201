package org.patchpipe.store.consume;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.patchpipe.broker.BrokerConfig;
import org.patchpipe.broker.EmbeddedBroker;
import org.patchpipe.event.EventCodec;
import org.patchpipe.event.MailEvent;
import org.patchpipe.event.Position;
import org.patchpipe.event.Topics;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.store.embedded.TestDatabase;

/**
 * What the consumer's integration tests share: a real in-process KRaft broker, fresh topics per
 * test, events produced in one Kafka transaction as ingest writes them, and a store configuration
 * on the test's database.
 */
final class ConsumerFixture implements AutoCloseable {
  static final String LIST = "demo.lists.example.org";

  private final EmbeddedBroker broker;
  private final String prefix;
  private final AtomicInteger topicNumber = new AtomicInteger();
  private final EventCodec codec = new EventCodec();

  ConsumerFixture(Path dir, String prefix) {
    this.broker = EmbeddedBroker.start(BrokerConfig.ofRandomPort(dir.resolve("broker")));
    this.prefix = prefix;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Fresh topic names, with the events topic (3 partitions) and the dead-letter topic created. */
  Topics newTopics() {
    Topics topics = nextTopics();
    create(new NewTopic(topics.events(), 3, (short) 1), new NewTopic(topics.deadLetters(), 1, (short) 1));
    return topics;
  }

  /** Fresh topic names, nothing created. */
  Topics nextTopics() {
    return Topics.DEFAULT.withPrefix(prefix + topicNumber.incrementAndGet() + ".");
  }

  void create(NewTopic... topics) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(topics)).all().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The event ingest would write for {@code mail}. */
  byte[] encode(ParsedMail mail) {
    return codec.encode(MailEvent.of(LIST, "test:sample", new Position.MboxOffset(0, 0),
        Instant.parse("2024-05-01T12:00:00Z"), 100, mail));
  }

  /** Produces {@code mails} to the events topic in one transaction, keyed by list id (one partition). */
  void produce(Topics topics, List<ParsedMail> mails) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + topics.events());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (ParsedMail mail : mails) {
        producer.send(new ProducerRecord<>(topics.events(), LIST.getBytes(UTF_8), encode(mail)));
      }
      producer.commitTransaction();
    }
  }

  StoreConfig config(TestDatabase db, Topics topics) {
    return StoreConfig.of(broker.bootstrapServers(), db.jdbcUrl(), db.user(), "").withTopics(topics)
        .withConsumerName("store-" + topics.events());
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Makes the database terminate the writer's own connection when it inserts the patch {@code
   * msgid} for the {@code nth} time (a sequence counts, and survives the rollback), as a restarting
   * server or an operator's pg_terminate_backend would. The counter is {@code kill_once}.
   */
  static void terminateOnInsert(Connection c, String msgid, int nth) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE kill_once");
      s.execute("CREATE FUNCTION kill_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
          + " IF NEW.msgid = '" + msgid + "' AND nextval('kill_once') = " + nth + " THEN"
          + " PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$");
      s.execute("CREATE TRIGGER kill_once BEFORE INSERT ON patch FOR EACH ROW EXECUTE FUNCTION kill_once()");
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
