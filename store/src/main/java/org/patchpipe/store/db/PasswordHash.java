package org.patchpipe.store.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Users' password hashes ({@code auth_user.password}): Argon2id, in the PHC string form behind
 * Django's algorithm name, {@code argon2$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash
 * in unpadded base64), which is exactly what Django's {@code Argon2PasswordHasher} writes and reads,
 * so a patchpipe database's users can log in to a Patchwork that enables that hasher. An empty or any
 * other value is an unusable password, as Django's {@code '!'} prefix is.
 *
 * <p>Why Argon2id, and Bouncy Castle's: it is memory-hard (each guess costs 19 MiB as well as time,
 * which GPUs and ASICs cannot parallelise cheaply, unlike PBKDF2), it is RFC 9106's and OWASP's first
 * choice, and Bouncy Castle's {@code Argon2BytesGenerator} is a pure-Java, long-maintained
 * implementation (no native library to ship). The parameters are OWASP's first recommendation
 * (m = 19 MiB, t = 2, p = 1): about 80 ms a verification on this project's 2-core machines. A stored
 * hash with other parameters still verifies with its own; parameters beyond {@link #MAX_MEMORY_KIB}
 * and friends are refused rather than computed, so a hand-edited row cannot make one login take
 * minutes. Thread-safe and stateless apart from its random source.
 */
public final class PasswordHash {
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int MAX_MEMORY_KIB = 256 * 1024;
  static final int MAX_ITERATIONS = 10;
  static final int MAX_PARALLELISM = 8;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final String PREFIX = "argon2$argon2id$v=19$";
  private static final Pattern ENCODED = Pattern.compile(
      "argon2\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private final SecureRandom random;

  public PasswordHash(SecureRandom random) {
    this.random = random;
  }

  /** The encoded hash of {@code password} (its UTF-8 bytes, as Django hashes them), with a new salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] derived = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return PREFIX + "m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(derived);
  }

  /**
   * Whether {@code password} matches {@code encoded}. An unusable {@code encoded} (empty, another
   * algorithm, parameters out of bounds) is false; the comparison itself is constant-time.
   */
  public static boolean verify(String password, String encoded) {
    Optional<Stored> stored = Stored.parse(encoded);
    if (stored.isEmpty()) {
      return false;
    }
    Stored s = stored.get();
    byte[] derived = derive(password, s.salt(), s.memoryKib(), s.iterations(), s.parallelism(), s.hash().length);
    return MessageDigest.isEqual(derived, s.hash());
  }

  /**
   * Takes as long as a {@link #verify} of a hash made with today's parameters, and is false: the
   * check for an unknown user or an unusable password, so that the answer's timing does not tell
   * which usernames exist (Django's {@code ModelBackend} hashes for a missing user for the same
   * reason).
   */
  public static boolean verifyNone(String password) {
    verify(password, Dummy.ENCODED);
    return false;
  }

  /** Whether {@code encoded} is a password {@link #verify} can check (not unusable). */
  public static boolean usable(String encoded) {
    return Stored.parse(encoded).isPresent();
  }

  /** A hash of no one's password, made on first use. */
  private static final class Dummy {
    static final String ENCODED = new PasswordHash(new SecureRandom()).hash("");
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
      int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build());
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /** One stored hash's parameters, salt and digest, when it is Argon2id within bounds. */
  private record Stored(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static Optional<Stored> parse(String encoded) {
      if (encoded == null) {
        return Optional.empty();
      }
      Matcher m = ENCODED.matcher(encoded);
      if (!m.matches()) {
        return Optional.empty();
      }
      int memory = Integer.parseInt(m.group(1));
      int iterations = Integer.parseInt(m.group(2));
      int parallelism = Integer.parseInt(m.group(3));
      if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
          || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Stored(memory, iterations, parallelism,
            Base64.getDecoder().decode(m.group(4)), Base64.getDecoder().decode(m.group(5))));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }
}
