package com.fleetprovisioner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorMainTest {

    @Test
    void parsesTheCommandLine() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--port", "8989", "--user", "a@x.com:pw:with:colons",
            "--user", "b@x.com:pw2", "--company", "42", "--duplicate-policy", "update", "--latency", "5-50",
            "--error-rate", "2=0.1", "--throttle", "10/1000/3", "--drop-after-merge", "0.01", "--refuse-connections"});
        assertThat(config.port()).isEqualTo(8989);
        assertThat(config.users()).extracting(SimulatorConfig.SeedUser::username).containsExactly("a@x.com", "b@x.com");
        assertThat(config.users().get(0).password()).isEqualTo("pw:with:colons");
        assertThat(config.users()).allMatch(u -> u.company() == 42);
        assertThat(config.companies()).extracting(SimulatorConfig.SeedCompany::id).containsExactly(42L, 43L);
        assertThat(config.duplicatePolicy()).isEqualTo(SimulatorConfig.DuplicatePolicy.UPDATE);
        FaultSettings f = config.faults();
        assertThat(f.latencyMinMillis()).isEqualTo(5);
        assertThat(f.latencyMaxMillis()).isEqualTo(50);
        assertThat(f.errorRates()).containsEntry(2, 0.1);
        assertThat(f.throttleLimit()).isEqualTo(10);
        assertThat(f.throttleTimeoutSeconds()).isEqualTo(3.0);
        assertThat(f.dropAfterMergeRate()).isEqualTo(0.01);
        assertThat(f.refuseConnections()).isTrue();
        assertThat(config.users().get(0).toString()).doesNotContain("pw:with");
    }

    @Test
    void defaultsToTheDemoSeed() {
        SimulatorConfig config = SimulatorMain.parse(new String[0]);
        assertThat(config.users()).containsExactly(SimulatorConfig.DEMO_USER);
        assertThat(config.companies()).isEqualTo(SimulatorConfig.DEMO_COMPANIES);
        assertThat(SimulatorConfig.defaults().port()).isZero();
    }

    @Test
    void rejectsUnknownFlags() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--user", "nopassword"})).hasMessageContaining("LOGIN:PASSWORD");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--provider", "a:b"})).hasMessageContaining("ID:KIND:COMPANY");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--providers", "10000001:42"}))
                .hasMessageContaining("N from 0 to 10000000");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--providers", "-1:42"})).hasMessageContaining("N:COMPANY");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--latency"})).hasMessageContaining("needs a value");
    }

    @Test
    void seedsProvidersOneByOneAndInBulk() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--provider", "356938035643809:calamp:43",
            "--providers", "2:42"});
        assertThat(config.providers()).containsExactly(
                new SimulatorConfig.SeedProvider("356938035643809", "calamp", 43),
                new SimulatorConfig.SeedProvider("860000000000001", "genx", 42),
                new SimulatorConfig.SeedProvider("860000000000002", "genx", 42));
    }
}
