package org.patchpipe.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Argon2id hashes in Django's form: made, verified, refused when unusable, interoperable. */
class PasswordHashTest {
  private final PasswordHash hasher = new PasswordHash(new SecureRandom());

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String encoded = hasher.hash("correct horse");
    assertTrue(encoded.startsWith("argon2$argon2id$v=19$m=19456,t=2,p=1$"), encoded);
    assertFalse(encoded.contains("correct horse"));
    assertTrue(encoded.length() <= 128, "fits auth_user.password: " + encoded.length());
    assertTrue(PasswordHash.verify("correct horse", encoded));
    assertFalse(PasswordHash.verify("correct horsE", encoded));
    assertFalse(PasswordHash.verify("", encoded));
  }

  @Test
  void eachHashHasItsOwnSalt() {
    assertNotEquals(hasher.hash("same"), hasher.hash("same"));
  }

  @Test
  void verifiesWhatArgon2CffiWrites() {
    // argon2-cffi 21.1 (what Django's Argon2PasswordHasher calls), PasswordHasher(time_cost=2,
    // memory_cost=19456, parallelism=1, hash_len=32, salt_len=16).hash('correct horse \u2603'),
    // behind Django's "argon2" algorithm name.
    String django = "argon2$argon2id$v=19$m=19456,t=2,p=1$waZU8bEeAywLRbYonctbmQ"
        + "$EdTDv1xC9PpIz6L7Ime/cS4UGd+eKhOh6NVmwEZLumA";
    assertTrue(PasswordHash.verify("correct horse \u2603", django));
    assertFalse(PasswordHash.verify("correct horse", django));
    // The reference implementation's own vector (argon2 somesalt -id -t 2 -m 16 -p 1 of "password").
    assertTrue(PasswordHash.verify("password",
        "argon2$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
  }

  @Test
  void unusableValuesNeverVerify() {
    assertFalse(PasswordHash.usable(""));
    assertFalse(PasswordHash.usable(null));
    assertFalse(PasswordHash.usable("!unusable"));
    assertFalse(PasswordHash.usable("pbkdf2_sha256$600000$salt$aGFzaA=="), "PBKDF2 is not accepted");
    assertFalse(PasswordHash.usable("argon2$argon2i$v=19$m=19456,t=2,p=1$waZU8bEeAywLRbYonctbmQ"
        + "$EdTDv1xC9PpIz6L7Ime/cS4UGd+eKhOh6NVmwEZLumA"), "only Argon2id");
    assertFalse(PasswordHash.usable("argon2$argon2id$v=19$m=4194304,t=2,p=1$waZU8bEeAywLRbYonctbmQ"
        + "$EdTDv1xC9PpIz6L7Ime/cS4UGd+eKhOh6NVmwEZLumA"), "4 GiB is refused, not computed");
    assertFalse(PasswordHash.usable("argon2$argon2id$v=19$m=19456,t=99,p=1$waZU8bEeAywLRbYonctbmQ"
        + "$EdTDv1xC9PpIz6L7Ime/cS4UGd+eKhOh6NVmwEZLumA"));
    assertFalse(PasswordHash.verify("", ""));
    assertFalse(PasswordHash.verifyNone("anything"));
  }

  @Test
  void oneVerificationTakesTensOfMillisecondsNotSeconds() {
    String encoded = hasher.hash("timed");
    PasswordHash.verify("warm", encoded);
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      PasswordHash.verify("timed", encoded);
    }
    long perCheckMs = (System.nanoTime() - start) / 3 / 1_000_000;
    assertTrue(perCheckMs < 1000, "one check took " + perCheckMs + " ms");
    // Memory-hard: the default parameters cost 19 MiB and two passes, whatever the machine.
    assertEquals(19 * 1024, PasswordHash.MEMORY_KIB);
    assertEquals(2, PasswordHash.ITERATIONS);
  }
}
