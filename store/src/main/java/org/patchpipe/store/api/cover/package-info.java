/** {@code /covers/}: cover letters, list and detail, with Patchwork's filters. */
package org.patchpipe.store.api.cover;
