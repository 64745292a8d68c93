package com.fleetprovisioner.web.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory.Missing;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the pickers offer comes from Fleet Freedom (here the simulator) through the real client: the account's
 * tree and each company's configurations by name, kept for the cache's lifetime, dropped on refresh, and a
 * reason instead of a list when Fleet Freedom cannot give one.
 */
class FleetFreedomDirectoryIT {
    private static final Duration TTL = Duration.ofSeconds(300);

    private final MutableClock clock = MutableClock.startingNow();
    private Simulator simulator;
    private SessionSupervisor supervisor;
    private FleetFreedomDirectory directory;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.builder().build());
        supervisor = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()));
        supervisor.start();
        directory = new FleetFreedomDirectory(supervisor, clock, TTL, () -> true);
    }

    @AfterEach
    void stop() {
        supervisor.close();
        simulator.close();
    }

    private long asked(String command) {
        return simulator.receipts().all().stream().filter(r -> r.command().equals(command)).count();
    }

    @Test
    void theTreeAndConfigurationsByNameAreAskedOncePerLifetimeAndAgainAfterARefresh() {
        simulator.world().addCompany(new SimulatorConfig.SeedCompany(44, "Alpha depot", 43L));
        assertThat(directory.companies().entries()).containsExactly(
                new FleetFreedomDirectory.Company(42, "Demo Fleet", 0),
                new FleetFreedomDirectory.Company(43, "Demo Fleet — East", 1),
                new FleetFreedomDirectory.Company(44, "Alpha depot", 2));
        assertThat(directory.configurations(42).entries()).containsExactly(
                new FleetFreedomDirectory.Configuration(7002, "Frequent reporting", "teltonika"),
                new FleetFreedomDirectory.Configuration(7001, "Standard tracking", "calamp"));
        assertThat(directory.configurations(44).entries()).isEmpty();
        for (int i = 0; i < 20; i++) {
            directory.companies();
            directory.configurations(42);
        }
        assertThat(asked("getCompaniesList")).isEqualTo(1);
        assertThat(asked("getProviderConfigsList")).isEqualTo(2);

        simulator.world().addCompany(new SimulatorConfig.SeedCompany(45, "Added later", 42L));
        clock.advance(TTL.minusSeconds(1));
        assertThat(directory.companies().entries()).extracting(FleetFreedomDirectory.Company::id).doesNotContain(45L);
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.companies().entries()).extracting(FleetFreedomDirectory.Company::id).contains(45L);
        assertThat(asked("getCompaniesList")).isEqualTo(2);

        simulator.world().addConfiguration(new SimulatorConfig.SeedConfiguration(7004, 42, "Added by hand", "genx"));
        directory.refresh();
        assertThat(directory.configurations(42).entries()).extracting(FleetFreedomDirectory.Configuration::name)
                .containsExactly("Added by hand", "Frequent reporting", "Standard tracking");
        assertThat(asked("getCompaniesList")).isEqualTo(3);
    }

    @Test
    void numbersOutsideTheTreeAreNeverAskedAbout() {
        directory.companies();
        for (long company : List.of(-1L, 0L, 99L, Long.MAX_VALUE, Long.MIN_VALUE)) {
            assertThat(directory.configurations(company)).isEqualTo(new FleetFreedomDirectory.Listing<>(List.of(),
                    Optional.empty()));
        }
        assertThat(asked("getProviderConfigsList")).isZero();
    }

    @Test
    void atMostAFixedNumberOfConfigurationListsAreKept() {
        for (long id = 1000; id < 1300; id++) {
            simulator.world().addCompany(new SimulatorConfig.SeedCompany(id, "Depot " + id, 42L));
        }
        assertThat(directory.companies().entries()).hasSize(302);
        directory.configurations(1000);
        directory.configurations(1000);
        assertThat(asked("getProviderConfigsList")).isEqualTo(1);
        for (long id = 1001; id < 1300; id++) {
            directory.configurations(id);
        }
        long before = asked("getProviderConfigsList");
        directory.configurations(1299); // kept: the most recent
        assertThat(asked("getProviderConfigsList")).isEqualTo(before);
        directory.configurations(1000); // the oldest went to make room
        assertThat(asked("getProviderConfigsList")).isEqualTo(before + 1);
    }

    @Test
    void anUnreachableFleetFreedomGivesAReasonInsteadOfAList() {
        simulator.faults().update(f -> f.withRefuseConnections(true));
        simulator.restart(); // drops the connection the client had: the next ones are refused
        assertThat(directory.companies().missing()).contains(Missing.UNREACHABLE);
        assertThat(directory.configurations(42).missing()).contains(Missing.UNREACHABLE);
    }

    @Test
    void aFailureIsKeptBrieflyNotAskedAgainAtEveryPage() {
        simulator.faults().update(f -> f.withErrorRate(5, 1.0));
        assertThat(directory.companies().missing()).contains(Missing.REFUSED);
        long before = simulator.receipts().all().size();
        simulator.faults().reset();
        assertThat(directory.companies().missing()).contains(Missing.REFUSED);
        assertThat(simulator.receipts().all()).hasSize((int) before);
        clock.advance(Duration.ofSeconds(30));
        assertThat(directory.companies().entries()).hasSize(2);
    }

    @Test
    void aRefusedListOrAnAccountNotSetAreSaidApart() {
        simulator.faults().update(f -> f.withErrorRate(5, 1.0));
        assertThat(directory.companies().missing()).contains(Missing.REFUSED);

        FleetFreedomDirectory unset = new FleetFreedomDirectory(supervisor, clock, TTL, () -> false);
        long before = simulator.receipts().all().size();
        assertThat(unset.companies().missing()).contains(Missing.NOT_SET);
        assertThat(unset.configurations(42).missing()).contains(Missing.NOT_SET);
        assertThat(simulator.receipts().all()).hasSize((int) before);
        assertThat(FleetFreedomDirectory.none(clock).companies().missing()).contains(Missing.NOT_SET);
    }

    @Test
    void aTreeLargerThanAPickerCanHoldIsNotOffered() {
        for (long id = 10_000; id <= 10_000 + FleetFreedomDirectory.MAX_ENTRIES; id++) {
            simulator.world().addCompany(new SimulatorConfig.SeedCompany(id, "Site " + id, 42L));
        }
        assertThat(directory.companies().missing()).contains(Missing.TOO_MANY);
    }
}
