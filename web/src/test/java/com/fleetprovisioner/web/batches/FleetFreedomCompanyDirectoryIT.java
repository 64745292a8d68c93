package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The company list comes from Fleet Freedom (here the simulator) through the real client, cached briefly. */
class FleetFreedomCompanyDirectoryIT {

    @Test
    void companiesAreTheAccountsTreeCachedForTheTtlAndAFailureIsSaidPlainly() {
        MutableClock clock = MutableClock.startingNow();
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder().build());
             SessionSupervisor supervisor = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                     SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()))) {
            supervisor.start();
            FleetFreedomCompanyDirectory directory = new FleetFreedomCompanyDirectory(supervisor, clock, Duration.ofMinutes(1));

            assertThat(directory.companies()).containsExactlyInAnyOrder(42L, 43L);
            simulator.faults().update(f -> f.withErrorRate(5, 1.0));
            clock.advance(Duration.ofSeconds(59));
            assertThat(directory.companies()).containsExactlyInAnyOrder(42L, 43L);
            assertThat(simulator.receipts().all()).filteredOn(r -> r.command().equals("getCompaniesList")).hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(directory::companies).isInstanceOf(CompanyDirectory.Unavailable.class)
                    .hasMessageStartingWith("Fleet Freedom did not give the company list (")
                    .hasMessageEndingWith("), so company numbers cannot be checked. Try again in a minute.")
                    .satisfies(e -> {
                        // the person reads the reason in their own language; the message above is the log's
                        Text reason = ((CompanyDirectory.Unavailable) e).reason();
                        assertThat(Texts.render(reason, Messages.FRENCH, UserZone.FALLBACK))
                                .startsWith("Fleet Freedom n'a pas fourni la liste des entreprises (")
                                .endsWith("); les numéros d'entreprise ne peuvent donc pas être vérifiés. Réessayez dans une minute.");
                        assertThat(Texts.english(reason)).startsWith("Fleet Freedom did not give the company list (");
                    });

            simulator.faults().reset();
            assertThat(directory.companies()).containsExactlyInAnyOrder(42L, 43L);
        }
    }
}
