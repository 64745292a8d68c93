package com.fleetprovisioner.core.common;

import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets we must keep but never show (device passwords, the Fleet Freedom password in
 * settings) with AES-256-GCM, so the database alone does not reveal them. The key comes from
 * {@code FP_SECRET_KEY}; the embedded H2 run keeps a generated key beside its database instead.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /** Looking the cipher up costs more than sealing a short password; each thread keeps its own (not thread-safe). */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SecretBox::newCipher);

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("A SecretBox key has 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The key for this process: {@code FP_SECRET_KEY} when set; for an H2 file database a key file in
     * the database's folder (created on first start); for an in-memory H2 database a key of its own.
     * PostgreSQL needs {@code FP_SECRET_KEY}: every web and worker process must share it.
     */
    public static SecretBox forConfig(AppConfig config) {
        if (config.secretKey().isPresent()) {
            return new SecretBox(config.secretKey().get());
        }
        if (config.dbUrl().startsWith("jdbc:h2:file:")) {
            return new SecretBox(keyFile(h2Folder(config.dbUrl()).resolve("secret.key")));
        }
        if (config.dbUrl().startsWith("jdbc:h2:mem:")) {
            return random();
        }
        throw new ConfigException("FP_SECRET_KEY must be set with PostgreSQL (32 random bytes, base64, the same "
                + "for every web and worker process), e.g. the output of: openssl rand -base64 32");
    }

    public static SecretBox random() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SecretBox(key);
    }

    public String seal(String clear) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret could not be opened: was FP_SECRET_KEY changed?", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[" + Secrets.MASK + "]";
    }

    /** jdbc:h2:file:./data/fleet-provisioner;OPTIONS → ./data */
    static Path h2Folder(String url) {
        String path = url.substring("jdbc:h2:file:".length());
        int options = path.indexOf(';');
        Path file = Path.of(options < 0 ? path : path.substring(0, options));
        return file.toAbsolutePath().getParent();
    }

    private static byte[] keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the key file " + file, e);
        }
    }
}
