package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.app.testing.EnvFile;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files people deploy from (docker-compose.yml, Dockerfile, .env.example, README) agree with
 * the code: every variable is documented and the compose file is valid.
 */
class DeploymentFilesIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyConfigurationVariableIsInTheReadmeAndEnvExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String envExample = Files.readString(ROOT.resolve(".env.example"));
        for (String variable : AppConfig.from(Map.of()).describe().keySet()) {
            assertThat(readme).as("README configuration table").contains("`" + variable + "`");
            assertThat(envExample).as(".env.example").contains(variable + "=");
        }
    }

    /** Issue 16: {@code cp .env.example .env} and the README's run command start the embedded H2 run. */
    @Test
    void theEnvExampleAsCopiedIsTheEmbeddedRunAndItsPostgresLinesNeedTheSecretKey() {
        AppConfig copied = AppConfig.from(EnvFile.example());
        assertThat(copied.postgres()).isFalse();
        assertThat(copied.dbUrl()).isEqualTo(AppConfig.DEFAULT_DB_URL);
        assertThat(copied.usesSimulator()).isTrue();

        Map<String, String> postgres = EnvFile.parse(EnvFile.exampleWithPostgres());
        AppConfig switched = AppConfig.from(postgres);
        assertThat(switched.postgres()).isTrue();
        assertThat(switched.dbUser()).isEqualTo("fleet");
        assertThatThrownBy(() -> SecretBox.forConfig(switched)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("FP_SECRET_KEY must be set with PostgreSQL");
    }

    @Test
    void theDockerfileCopiesTheJarsTheBuildMakes() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (String jar : List.of("web/target/fleet-provisioner-web.jar", "worker/target/fleet-provisioner-worker.jar",
                "simulator/target/fleet-freedom-simulator.jar")) {
            assertThat(dockerfile).contains("/src/" + jar);
            assertThat(ROOT.resolve(jar)).as("built by mvn package").exists();
        }
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose).contains("target: web").contains("target: worker").contains("target: simulator");
    }

    /** Issue 15: the demo simulator's WebSocket stays on the compose network and its control API on loopback. */
    @Test
    void theDemoSimulatorPublishesNothingAndKeepsItsControlApiOnLoopback() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String entrypoint = dockerfile.lines().filter(l -> l.contains("fleet-freedom-simulator.jar\","))
                .filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).doesNotContain("--control-host");
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        int start = compose.indexOf("\n  simulator:");
        int end = compose.indexOf("\nvolumes:", start);
        assertThat(start).isPositive();
        assertThat(compose.substring(start, end)).doesNotContain("ports:").doesNotContain("--control-host");
        assertThat(compose).contains("FP_HTTP_HOST: 0.0.0.0");
    }

    /**
     * Every process opens up to {@code FP_DB_POOL_SIZE} connections: the web process and the workers the compose
     * file's own scaling example starts fit PostgreSQL's {@code max_connections}, with its three superuser slots
     * (PostgreSQL's default of 100 would refuse connections once three busy workers open their pools).
     */
    @Test
    void theComposeDatabaseTakesTheConnectionsOfTheWebProcessAndTheScaledWorkers() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        int workers = number(compose, "--scale worker=(\\d+)");
        int maxConnections = number(compose, "max_connections=(\\d+)");
        int pool = AppConfig.from(EnvFile.parse(EnvFile.exampleWithPostgres())).dbPoolSize();
        assertThat(workers).isGreaterThan(1);
        assertThat(maxConnections).as("the web process and %d workers of %d connections each", workers, pool)
                .isGreaterThanOrEqualTo((1 + workers) * pool + 3);
    }

    private static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The compose file with .env.example after its PostgreSQL note is followed: a password and a key set. */
    @Test
    void dockerComposeAcceptsTheFile(@TempDir Path scratch) throws Exception {
        String env = EnvFile.exampleWithPostgres()
                .replace("FP_DB_PASSWORD=change-me", "FP_DB_PASSWORD=validated")
                .replace("FP_SECRET_KEY=\n", "FP_SECRET_KEY=q2S0y8w1n0pC4bq9G2yq3K6wqv2xq4nq8w3x6v1b2c4=\n");
        assertThat(env).contains("\nFP_SECRET_KEY=q2S0");
        Compose config = composeConfig(scratch, env);
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    /** As copied, .env.example is the H2 run: compose names what it lacks instead of starting without a key. */
    @Test
    void dockerComposeWithTheEnvExampleAsCopiedNamesWhatToSet(@TempDir Path scratch) throws Exception {
        Compose withoutPassword = composeConfig(scratch.resolve("a"), EnvFile.exampleText());
        assertThat(withoutPassword.exitCode()).isNotZero();
        assertThat(withoutPassword.output()).contains("set FP_DB_PASSWORD in .env");

        Compose withoutKey = composeConfig(scratch.resolve("b"), EnvFile.exampleWithPostgres());
        assertThat(withoutKey.exitCode()).isNotZero();
        assertThat(withoutKey.output()).contains("set FP_SECRET_KEY in .env");
    }

    private record Compose(int exitCode, String output) {
    }

    private static Compose composeConfig(Path project, String env) throws Exception {
        Path composeBinary = Path.of("/usr/bin/docker-compose");
        assertThat(composeBinary).as("docker-compose validates the file without an engine: apt-get install docker-compose")
                .isExecutable();
        Files.createDirectories(project);
        Files.copy(ROOT.resolve("docker-compose.yml"), project.resolve("docker-compose.yml"));
        Files.writeString(project.resolve(".env"), env);
        ProcessBuilder builder = new ProcessBuilder(composeBinary.toString(), "config", "-q")
                .directory(project.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("FP_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Compose(process.exitValue(), output);
    }
}
