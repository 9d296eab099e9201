package org.patchpipe.store.api.check;

/** Patchwork's check states and their stored codes ({@code Check.STATE_CHOICES}). */
public enum CheckState {
  PENDING,
  SUCCESS,
  WARNING,
  FAIL;

  /** The label the API shows and accepts: {@code pending}, {@code success}, ... */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static CheckState ofCode(int code) {
    return values()[code];
  }

  /** The state with this label, or null. */
  public static CheckState ofLabel(String label) {
    for (CheckState state : values()) {
      if (state.label().equals(label)) {
        return state;
      }
    }
    return null;
  }
}
