package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.config.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

    @Test
    void dockerComposeAcceptsTheFile(@TempDir Path scratch) throws Exception {
        Path composeBinary = Path.of("/usr/bin/docker-compose");
        assertThat(composeBinary).as("docker-compose validates the file without an engine: apt-get install docker-compose")
                .isExecutable();
        Path project = scratch.resolve("project");
        Files.createDirectories(project);
        Files.copy(ROOT.resolve("docker-compose.yml"), project.resolve("docker-compose.yml"));
        Files.writeString(project.resolve(".env"), Files.readString(ROOT.resolve(".env.example"))
                .replace("FP_DB_PASSWORD=change-me", "FP_DB_PASSWORD=validated"));
        Process process = new ProcessBuilder(composeBinary.toString(), "config", "-q")
                .directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
