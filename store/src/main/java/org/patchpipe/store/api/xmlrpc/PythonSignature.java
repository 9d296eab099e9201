package org.patchpipe.store.api.xmlrpc;

import java.util.ArrayList;
import java.util.List;

/**
 * A Patchwork method's Python signature: its name, its parameters in order, and the defaults of
 * the trailing ones. {@link #bind} checks a call's positional arguments as Python does, with
 * Python's {@code TypeError} messages, and fills in the defaults. For a method that needs a login,
 * {@code params} starts with {@code user}, which the dispatcher supplies, so the counts in the
 * messages are Python's. Immutable.
 *
 * @param name the function's name
 * @param params every parameter's name
 * @param defaults the defaults of the last {@code defaults.size()} parameters
 */
record PythonSignature(String name, List<String> params, List<Object> defaults) {
  PythonSignature {
    params = List.copyOf(params);
    defaults = java.util.Collections.unmodifiableList(new ArrayList<>(defaults));
  }

  /** The signature with no defaults. */
  static PythonSignature of(String name, String... params) {
    return new PythonSignature(name, List.of(params), List.of());
  }

  /** The arguments, defaults filled in; {@link XmlRpcFault#typeError} when too few or too many. */
  List<Object> bind(List<Object> given) {
    int max = params.size();
    int min = max - defaults.size();
    if (given.size() > max) {
      String takes = min == max ? Integer.toString(max) : "from " + min + " to " + max;
      throw XmlRpcFault.typeError(name + "() takes " + takes + " positional argument"
          + (max == 1 && min == max ? "" : "s") + " but " + given.size() + (given.size() == 1 ? " was" : " were") + " given");
    }
    if (given.size() < min) {
      List<String> missing = params.subList(given.size(), min);
      throw XmlRpcFault.typeError(name + "() missing " + missing.size() + " required positional argument"
          + (missing.size() == 1 ? "" : "s") + ": " + names(missing));
    }
    List<Object> bound = new ArrayList<>(given);
    for (int i = given.size(); i < max; i++) {
      bound.add(defaults.get(i - min));
    }
    return bound;
  }

  /** Python's list of names: {@code 'a'}, {@code 'a' and 'b'}, {@code 'a', 'b', and 'c'}. */
  private static String names(List<String> missing) {
    List<String> quoted = missing.stream().map(n -> "'" + n + "'").toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    if (quoted.size() == 2) {
      return quoted.get(0) + " and " + quoted.get(1);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
  }
}
