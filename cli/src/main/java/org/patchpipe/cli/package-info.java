/**
 * The {@code patchpipe} command: a thin picocli layer over the modules. The only place that reads
 * flags, files and the environment; it builds each module's config record and passes it in.
 */
package org.patchpipe.cli;
