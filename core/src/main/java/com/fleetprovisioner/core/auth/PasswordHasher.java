package com.fleetprovisioner.core.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane), through Password4j.
 * The encoded hash carries its parameters, so they can be raised later without breaking old hashes.
 * Every hash and check runs under a {@link HashingGate}, which bounds the memory they take together.
 */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;

    /** What one hash or check allocates: Argon2's memory cost. */
    static final long COST_BYTES = MEMORY_KIB * 1024L;

    private final HashingGate gate;
    private final Argon2Function argon2 =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    /** Checked against when the user does not exist, so both cases take the same time. */
    private final String decoyHash;

    /** With a gate sized to this JVM's heap. */
    public PasswordHasher() {
        this(HashingGate.forThisJvm(COST_BYTES));
    }

    public PasswordHasher(HashingGate gate) {
        this.gate = gate;
        this.decoyHash = hash("decoy-password-for-timing");
    }

    /** @throws HashingBusyException when too many hashes are running to start one soon */
    public String hash(String password) {
        return gate.run(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult());
    }

    /** @throws HashingBusyException when too many checks are running to start one soon */
    public boolean matches(String password, String encodedHash) {
        if (password == null || encodedHash == null || !encodedHash.startsWith("$argon2id$")) {
            return false;
        }
        return gate.run(() -> Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash)));
    }

    /** Spends the time of a real check and always fails. */
    public boolean matchesNothing(String password) {
        matches(password == null ? "" : password, decoyHash);
        return false;
    }
}
