package org.patchpipe.cli.bench;

/**
 * What the soak's generators have handed over so far, by kind: the patches, cover letters and
 * comments the store must end up holding once each. Thread-safe; each generator adds a whole
 * batch once it is published.
 */
final class SoakTally {
  private long mails;
  private long patches;
  private long covers;
  private long comments;

  synchronized void add(SoakMails.Batch batch) {
    mails += batch.mails().size();
    patches += batch.patches();
    covers += batch.covers();
    comments += batch.comments();
  }

  synchronized long mails() {
    return mails;
  }

  synchronized long patches() {
    return patches;
  }

  synchronized long covers() {
    return covers;
  }

  synchronized long comments() {
    return comments;
  }
}
