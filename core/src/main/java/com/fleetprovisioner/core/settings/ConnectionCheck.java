package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.core.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.core.fleetfreedom.ErrorCode;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.fleetfreedom.Listings;
import com.fleetprovisioner.core.fleetfreedom.PauseGate;
import com.fleetprovisioner.core.fleetfreedom.SessionInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Test connection": one fresh client logs in with the given account, asks for the companies it sees
 * and closes. Nothing is saved and no device command is sent.
 */
public final class ConnectionCheck {

    /** What the page shows. {@code error} is a sentence for people; {@code code} the Fleet Freedom code, if any. */
    public record Result(boolean ok, String account, Optional<Long> ownCompany, List<Listings.Company> companies,
            String error, Optional<ErrorCode> code) {
        static Result failed(String error, Optional<ErrorCode> code) {
            return new Result(false, "", Optional.empty(), List.of(), error, code);
        }

        public String summary() {
            return ok ? "logged in as " + account + ", " + companies.size() + " companies"
                    : "failed: " + error + code.map(c -> " (code " + c.number() + " " + c.name() + ")").orElse("");
        }
    }

    private final Clock clock;
    private final Duration timeout;

    public ConnectionCheck(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public Result check(Settings settings) {
        FleetFreedomConfig config = FleetFreedomConfig.of(settings.endpoint().orElseThrow(),
                settings.username().orElse(""), settings.password().orElse("")).withConnectTimeout(timeout);
        FleetFreedomClient client = new FleetFreedomClient(config, new PauseGate(clock), clock, null);
        try {
            SessionInfo session = client.connect().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            String account = session.user() == null ? settings.username().orElse("") : session.user().login();
            Long own = session.user() == null ? null : session.user().company();
            if (own == null) {
                return new Result(true, account, Optional.empty(), List.of(), "", Optional.empty());
            }
            CommandOutcome<Listings.CompaniesList> list = client.getCompaniesList(own, true)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (list instanceof CommandOutcome.Success<Listings.CompaniesList> success) {
                return new Result(true, account, Optional.of(own), success.response().companies(), "", Optional.empty());
            }
            return Result.failed("Logged in as " + account + ", but the company list was refused.", code(list));
        } catch (TimeoutException e) {
            return Result.failed("No answer from " + config.endpoint() + " within " + timeout.multipliedBy(2).toSeconds()
                    + " s.", Optional.empty());
        } catch (ExecutionException e) {
            Optional<CommandOutcome.Stop<?>> stop = client.stopOutcome();
            return stop.isPresent()
                    ? Result.failed("Fleet Freedom refused the login: " + stop.get().reason(), Optional.of(stop.get().code()))
                    : Result.failed("Could not log in at " + config.endpoint() + ": " + e.getCause().getMessage(),
                            Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("Interrupted.", Optional.empty());
        } finally {
            client.close();
        }
    }

    private static Optional<ErrorCode> code(CommandOutcome<?> outcome) {
        return outcome.errorCode();
    }
}
