package org.patchpipe.store.api.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.patchpipe.store.api.embedded.EmbeddedProject;
import org.patchpipe.store.api.embedded.EmbeddedSubmission;
import org.patchpipe.store.api.embedded.EmbeddedUser;

/**
 * A bundle as {@code /bundles/} renders it, list and detail alike (Patchwork's
 * {@code BundleSerializer}): its project, owner and patches nested, {@code web_url} from API 1.1
 * on, and {@code mbox}, the download of its patches in the bundle's order.
 */
@com.fasterxml.jackson.annotation.JsonFilter(org.patchpipe.store.api.VersionedFields.FILTER)
public record BundleJson(
    long id,
    String url,
    String webUrl,
    EmbeddedProject project,
    String name,
    EmbeddedUser owner,
    List<EmbeddedSubmission> patches,
    @JsonProperty("public") boolean isPublic,
    String mbox) {}
