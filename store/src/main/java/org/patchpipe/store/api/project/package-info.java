/** {@code /projects/}: list and detail (by id or link name), with their maintainers. */
package org.patchpipe.store.api.project;
