package org.patchpipe.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.patchpipe.ingest.source.MailSource;
import org.patchpipe.ingest.source.MailSourceKind;
import org.patchpipe.ingest.source.SourcedMessage;
import org.patchpipe.parser.ListIds;
import org.patchpipe.parser.MailParser;
import org.patchpipe.parser.ParsedMail;
import org.patchpipe.parser.ParserLimits;
import org.patchpipe.parser.Project;
import org.patchpipe.parser.RawMessage;
import org.patchpipe.parser.series.InMemorySeriesState;
import org.patchpipe.parser.series.Placement;
import org.patchpipe.parser.series.SeriesTracker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchpipe parse}: mail in, one JSON object per message out, as Patchwork would store it.
 * A thin layer over {@link MailParser} and {@link SeriesTracker} with an in-memory state: every
 * message is parsed and tracked in input order, and the lines are written once the input is done,
 * because a later mail can still change an earlier one's series, parent, person name and tags.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Parse mail as Patchwork would store it and print one JSON object per message (JSON Lines),"
          + " in input order, on standard output.",
      "",
      "Series, cover letters, comment parents, person names and tag totals are decided over the"
          + " whole input in arrival order, as Patchwork's database would hold them at the end.",
      "Unlike Patchwork, a reply that arrives before its parent is kept and attached when the"
          + " parent arrives (use --drop-orphan-replies for Patchwork's behaviour).",
      "",
      "Keys: source, msgid, kind (patch|cover|comment|other|error), name, prefixes, date,"
          + " submitter {name,email}, hash, pull_url, content, diff, headers, number,"
          + " series {key,version,total}, parent, tags {A,R,T}, error.",
      "Without --list-id the project is the first message's list (R2.2: List-Id, else"
          + " X-Mailing-List, else X-list); a message with none of them, such as a single mail or"
          + " a git format-patch file, is parsed for the project Patchwork's own tests use:"
          + " link name test, list id " + ParseCommand.DEFAULT_LIST_ID + ", list address test@example.com.",
      "A summary, naming the project, goes to standard error. Exit status 0, or 1 if an input"
          + " could not be read.",
    },
    footer = {
      "",
      "Examples:",
      "  patchpipe parse --list-id openrisc.lists.librecores.org openrisc.mbox.gz > openrisc.jsonl",
      "  patchpipe parse ~/Maildir/lists/linux-efi | jq -c 'select(.kind==\"patch\") | .name'",
      "  patchpipe parse 0001-fix.patch",
    })
final class ParseCommand implements Callable<Integer> {
  private static final long PROGRESS_NANOS = 5_000_000_000L;

  /**
   * The list of mail that names none: the project of Patchwork's own tests (and of the oracle's
   * runs over them), so a lone patch parses as Patchwork's test suite parses it.
   */
  static final String DEFAULT_LIST_ID = "test.example.com";

  @Spec CommandSpec spec;

  @Option(
      names = "--list-id",
      paramLabel = "ID",
      description = {
        "The project's list id, e.g. openrisc.lists.librecores.org.",
        "Default: the list id of the first message (List-Id, X-Mailing-List or X-list), else "
            + DEFAULT_LIST_ID + "."
      })
  String listId;

  @Option(
      names = "--link-name",
      paramLabel = "NAME",
      description = "The project's link name, dropped from subject prefixes (default: the list id up to its first dot).")
  String linkName;

  @Option(
      names = "--list-email",
      paramLabel = "ADDR",
      description = "The list's posting address, for DMARC \"via\" un-mangling (default: the list id with its first dot as @).")
  String listEmail;

  @Option(
      names = "--drop-orphan-replies",
      description = "Drop replies whose parent has not arrived yet, as Patchwork does (default: keep them until it does).")
  boolean dropOrphanReplies;

  @Option(
      names = "--time-zone",
      paramLabel = "ZONE",
      defaultValue = "Australia/Canberra",
      description = "Zone of the clock that dates mail without a usable Date header, as Patchwork's TIME_ZONE (default: ${DEFAULT-VALUE}).")
  String timeZone;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "An mbox (mboxo or mboxrd, .gz too), a Maildir, a folder of one-message files, a public-inbox epoch, or one message file.")
  List<Path> inputs;

  /** One message as read, kept until the end so its line can show the final state. */
  private record Read(String source, ParsedMail mail, String failure) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    ZoneId zone = zone();
    long started = System.nanoTime();
    ParseSummary summary = new ParseSummary();
    List<Read> reads = new ArrayList<>();
    Project project = null;
    MailParser parser = new MailParser(ParserLimits.DEFAULT);
    InMemorySeriesState state = new InMemorySeriesState();
    SeriesTracker tracker = new SeriesTracker(state, Clock.system(zone), !dropOrphanReplies);
    List<Placement> placements = new ArrayList<>();
    long lastProgress = started;

    for (Path input : inputs) {
      try (MailSource source = MailSourceKind.open(input, Optional.empty())) {
        for (Optional<SourcedMessage> next = source.next(); next.isPresent(); next = source.next()) {
          SourcedMessage message = next.get();
          String where = input + ":" + message.position().describe();
          summary.bytes += message.raw().size();
          if (project == null) {
            project = project(message.raw(), summary);
          }
          Read read = parseOne(parser, project, where, message);
          reads.add(read);
          Placement placement = null;
          if (read.mail() != null) {
            placement = tracker.place(1, reads.size() - 1, read.mail());
            for (Placement late : placement.lateComments()) {
              placements.set((int) late.arrival(), late);
            }
          }
          placements.add(placement);
          long now = System.nanoTime();
          if (now - lastProgress > PROGRESS_NANOS) {
            err.printf("parse: %d messages read (%s) ...%n", reads.size(), input);
            err.flush();
            lastProgress = now;
          }
        }
        source.failure().ifPresent(f -> summary.unreadable.add(input + ": " + f));
      } catch (NoSuchFileException e) {
        summary.unreadable.add(input + ": no such file or directory");
      } catch (IOException e) {
        summary.unreadable.add(input + ": " + e.getMessage());
      }
    }

    write(reads, placements, state, summary);
    summary.series = state.allSeries().size();
    summary.awaiting = state.pendingReplies().size();
    summary.print(err, reads.size(), inputs.size(), (System.nanoTime() - started) / 1e9);
    return summary.unreadable.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private Read parseOne(MailParser parser, Project project, String where, SourcedMessage message) {
    if (message.defect() != null) {
      return new Read(where, null, "unreadable message: " + message.defect());
    }
    try {
      return new Read(where, parser.parse(message.raw(), project), null);
    } catch (RuntimeException e) {
      // The parser promises never to throw on mail; if it does, this mail is an error line, not the end of the run.
      return new Read(where, null, "parser failure: " + e);
    }
  }

  private void write(List<Read> reads, List<Placement> placements, InMemorySeriesState state, ParseSummary summary)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    PrintWriter out = spec.commandLine().getOut();
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (int i = 0; i < reads.size(); i++) {
        Read read = reads.get(i);
        ObjectNode line;
        if (read.mail() == null) {
          line = ParseRecord.failed(read.source(), null, read.failure());
        } else {
          try {
            line = ParseRecord.of(read.source(), placements.get(i), state);
          } catch (RuntimeException e) {
            // A header block the API rendering cannot handle must not end the run.
            line = ParseRecord.failed(read.source(), read.mail().msgid(), "could not render: " + e);
          }
        }
        summary.count(line.get("kind").asText(), placements.get(i));
        mapper.writeTree(json, line);
        json.writeRaw('\n');
      }
    }
    out.flush();
  }

  /** The project from the options, else from the first message's list id (R2.2), else the default. */
  private Project project(RawMessage first, ParseSummary summary) {
    String id = listId;
    summary.projectSource = "from --list-id";
    if (id == null) {
      id = ListIds.find(first).orElse(null);
      summary.projectSource = "from the first message's list header";
    }
    if (id == null) {
      id = DEFAULT_LIST_ID;
      summary.projectSource = "the default: the first message names no list (pass --list-id ID to choose one)";
    }
    String link = linkName;
    String email = listEmail;
    int dot = id.indexOf('.');
    if (link == null) {
      link = dot > 0 ? id.substring(0, dot) : id;
    }
    if (email == null) {
      email = dot > 0 ? id.substring(0, dot) + "@" + id.substring(dot + 1) : id;
    }
    Project project = new Project(link, id, email);
    summary.project = project;
    return project;
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      throw new UserError("--time-zone " + timeZone + " is not a time zone: use a name like Europe/Paris or UTC");
    }
  }
}
