package com.fleetprovisioner.core.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane), through Password4j.
 * The encoded hash carries its parameters, so they can be raised later without breaking old hashes.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;

    private final Argon2Function argon2 =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    /** Checked against when the user does not exist, so both cases take the same time. */
    private final String decoyHash = hash("decoy-password-for-timing");

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    public boolean matches(String password, String encodedHash) {
        if (password == null || encodedHash == null || !encodedHash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
    }

    /** Spends the time of a real check and always fails. */
    public boolean matchesNothing(String password) {
        matches(password == null ? "" : password, decoyHash);
        return false;
    }
}
