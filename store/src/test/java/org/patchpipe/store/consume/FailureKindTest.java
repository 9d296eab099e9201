package org.patchpipe.store.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchpipe.store.db.StoreException;

/** Which failures the consumer backs off on and which mark an event to set aside. */
class FailureKindTest {
  @ParameterizedTest
  @ValueSource(strings = {"08006", "08003", "40001", "40P01", "53100", "57P01", "57014", "58030", "42501", "42P01"})
  void databaseTroubleIsRetriable(String state) {
    assertEquals(FailureKind.RETRIABLE, FailureKind.of(new SQLException("x", state)));
    assertEquals(FailureKind.RETRIABLE,
        FailureKind.of(new StoreException("database error", new SQLException("x", state))), "through a wrapper");
  }

  @ParameterizedTest
  @ValueSource(strings = {"22021", "22P05", "22001", "23505", "23503", "54000", "XX000"})
  void refusedDataIsData(String state) {
    assertEquals(FailureKind.DATA, FailureKind.of(new SQLException("x", state)));
    assertEquals(FailureKind.DATA, FailureKind.of(new StoreException("database error", new SQLException("x", state))));
    assertEquals(state, FailureKind.sqlState(new StoreException("database error", new SQLException("x", state))));
  }

  @Test
  void transientAndIoFailuresAreRetriable() {
    assertEquals(FailureKind.RETRIABLE, FailureKind.of(new SQLTransientConnectionException("pool")));
    assertEquals(FailureKind.RETRIABLE, FailureKind.of(new SQLException("I/O", null, new IOException("reset"))));
    assertEquals(FailureKind.RETRIABLE, FailureKind.of(new UncheckedIOException(new IOException("reset"))));
    SQLException batch = new SQLException("batch entry 3 failed", "22021");
    batch.setNextException(new SQLException("connection lost", "08006"));
    assertEquals(FailureKind.RETRIABLE, FailureKind.of(batch), "a chained next exception counts");
    assertEquals("connection lost", FailureKind.reason(new StoreException("database error", batch)));
  }

  @Test
  void aTrackerRuntimeExceptionIsData() {
    assertEquals(FailureKind.DATA, FailureKind.of(new IllegalStateException("tracker bug")));
    assertEquals(FailureKind.DATA, FailureKind.of(new NullPointerException()));
    assertEquals(FailureKind.DATA, FailureKind.of(new StoreException("no cause", null)));
    assertNull(FailureKind.sqlState(new IllegalStateException("tracker bug")));
  }
}
