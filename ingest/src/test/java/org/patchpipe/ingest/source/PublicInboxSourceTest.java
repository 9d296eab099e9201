package org.patchpipe.ingest.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpipe.event.Position.InboxCommit;

class PublicInboxSourceTest {
  @TempDir Path dir;

  /** Builds a public-inbox v2 style epoch: each commit's tree is just 'm' (or 'd'). */
  static final class Epoch implements AutoCloseable {
    final Repository repository;
    ObjectId head;

    Epoch(Path gitDir) throws IOException {
      repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
      if (!repository.getObjectDatabase().exists()) {
        repository.create(true);
      }
    }

    String commit(String fileName, String content) throws IOException {
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(UTF_8));
        TreeFormatter tree = new TreeFormatter();
        tree.append(fileName, FileMode.REGULAR_FILE, blob);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(tree));
        PersonIdent ident = new PersonIdent("a", "a@example.com");
        commit.setAuthor(ident);
        commit.setCommitter(ident);
        commit.setMessage(fileName);
        if (head != null) {
          commit.setParentId(head);
        }
        head = inserter.insert(commit);
        inserter.flush();
      }
      RefUpdate update = repository.updateRef("refs/heads/master");
      update.setNewObjectId(head);
      update.forceUpdate();
      return head.name();
    }

    @Override
    public void close() {
      repository.close();
    }
  }

  @Test
  void readsBlobMInCommitOrderSkipsDeletionsAndResumesIncrementally() throws IOException {
    Path git = dir.resolve("0.git");
    String second;
    try (Epoch epoch = new Epoch(git)) {
      epoch.commit("m", "one");
      second = epoch.commit("m", "two");
      epoch.commit("d", "two");
      epoch.commit("m", "three");
    }
    assertEquals(MailSourceKind.PUBLIC_INBOX, MailSourceKind.detect(git));
    try (MailSource source = MailSourceKind.open(git, Optional.empty())) {
      List<SourcedMessage> all = MboxSourceTest.readAll(source);
      assertEquals(List.of("one", "two", "three"), all.stream().map(MboxSourceTest::text).toList());
      assertEquals(new InboxCommit(second), all.get(1).position());
      assertEquals(1, ((PublicInboxSource) source).deletions());
      assertEquals(1.0, source.fractionDone());
    }
    try (MailSource source = MailSourceKind.open(git, Optional.of(new InboxCommit(second)))) {
      assertEquals(List.of("three"), MboxSourceTest.readAll(source).stream().map(MboxSourceTest::text).toList());
    }
    try (Epoch epoch = new Epoch(git)) {
      epoch.head = epoch.repository.resolve("refs/heads/master");
      epoch.commit("m", "four");
    }
    try (MailSource source = MailSourceKind.open(git, Optional.of(new InboxCommit(second)))) {
      assertEquals(List.of("three", "four"), MboxSourceTest.readAll(source).stream().map(MboxSourceTest::text).toList());
    }
  }
}
