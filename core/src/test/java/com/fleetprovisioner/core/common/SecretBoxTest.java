package com.fleetprovisioner.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @Test
    void sealedSecretsOpenOnlyWithTheSameKey() {
        SecretBox box = SecretBox.random();
        String sealed = box.seal("device-pass-123");
        assertThat(sealed).startsWith("v1:").doesNotContain("device-pass-123");
        assertThat(box.seal("device-pass-123")).as("random IV").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo("device-pass-123");
        assertThatThrownBy(() -> SecretBox.random().open(sealed)).hasMessageContaining("FP_SECRET_KEY");
        assertThat(box.toString()).doesNotContain("key");
    }

    @Test
    void theEmbeddedRunKeepsItsKeyBesideTheDatabase(@TempDir Path folder) {
        String url = "jdbc:h2:file:" + folder.resolve("data").resolve("fleet-provisioner") + ";MODE=PostgreSQL";
        AppConfig config = AppConfig.from(Map.of("FP_DB_URL", url));
        String sealed = SecretBox.forConfig(config).seal("x");
        assertThat(Files.exists(folder.resolve("data").resolve("secret.key"))).isTrue();
        assertThat(SecretBox.forConfig(config).open(sealed)).as("same key after a restart").isEqualTo("x");
    }

    @Test
    void postgresNeedsAnExplicitSharedKey() {
        AppConfig withoutKey = AppConfig.from(Map.of("FP_DB_URL", "jdbc:postgresql://db/fleet"));
        assertThatThrownBy(() -> SecretBox.forConfig(withoutKey)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("FP_SECRET_KEY must be set with PostgreSQL");
        AppConfig withKey = AppConfig.from(Map.of("FP_DB_URL", "jdbc:postgresql://db/fleet",
                "FP_SECRET_KEY", "q2S0y8w1n0pC4bq9G2yq3K6wqv2xq4nq8w3x6v1b2c4="));
        assertThat(SecretBox.forConfig(withKey).open(SecretBox.forConfig(withKey).seal("y"))).isEqualTo("y");
    }
}
