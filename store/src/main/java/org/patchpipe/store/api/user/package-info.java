/** {@code /users/}: Patchwork's logins (delegates, maintainers); listing needs authentication. */
package org.patchpipe.store.api.user;
