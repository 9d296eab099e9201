/** {@code /patches/<id>/checks/}: CI results on a patch; list, detail and create. */
package org.patchpipe.store.api.check;
