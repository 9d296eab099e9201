package org.patchpipe.event;

/**
 * Names of the Kafka record headers patchpipe writes, so both sides spell them once. Values are
 * UTF-8 text; {@link #POSITION} is the JSON of {@link EventCodec#encodePosition(Position)}.
 *
 * <ul>
 *   <li>raw topic records: {@link #SOURCE}, {@link #POSITION}, {@link #LIST_ID};
 *   <li>event records: the same three, plus {@link #SCHEMA_VERSION} and {@link #KIND};
 *   <li>dead letters: the same three, plus {@link #REASON} and {@link #MESSAGE_ID} where known;
 *   <li>events the store set aside (dead letters too): the event's own headers, plus {@link #REASON}
 *       and where the event was read: {@link #SOURCE_TOPIC}, {@link #SOURCE_PARTITION},
 *       {@link #SOURCE_OFFSET}.
 * </ul>
 */
public final class EventHeaders {
  /** The source id, e.g. {@code mbox:/srv/openrisc.mbox.gz}. */
  public static final String SOURCE = "patchpipe.source";
  /** The message's position in its source, as position JSON. */
  public static final String POSITION = "patchpipe.position";
  /** The list id the message was replayed for. */
  public static final String LIST_ID = "patchpipe.list-id";
  /** The event's schema version, in decimal. */
  public static final String SCHEMA_VERSION = "patchpipe.schema-version";
  /** The event's kind: patch, cover, comment, other or unparseable. */
  public static final String KIND = "patchpipe.kind";
  /** Why a message is a dead letter, in one line. */
  public static final String REASON = "patchpipe.reason";
  /** A dead letter's Message-ID where one could be read. */
  public static final String MESSAGE_ID = "patchpipe.message-id";

  /** The topic a set-aside event was read from. */
  public static final String SOURCE_TOPIC = "patchpipe.source-topic";
  /** The partition a set-aside event was read from, in decimal. */
  public static final String SOURCE_PARTITION = "patchpipe.source-partition";
  /** The offset a set-aside event was read from, in decimal. */
  public static final String SOURCE_OFFSET = "patchpipe.source-offset";

  private EventHeaders() {}
}
