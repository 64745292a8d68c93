package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.SessionInfo;
import com.fleetprovisioner.core.common.ValidationException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection": one fresh client logs in with the given account, asks for the companies it sees
 * and closes. Nothing is saved and no device command is sent.
 *
 * <p>Only hosts in {@link TestConnectionHosts} are reached, and a failure says no more than "could not
 * connect, or not a Fleet Freedom server": the page must not work as a port scanner (refused, timed out
 * and "404" all read the same). The details go to the log. The client is closed on every path.
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

    public static final String NOT_CONNECTED = "Could not connect, or the endpoint is not a Fleet Freedom server.";
    private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);

    private final Clock clock;
    private final Duration timeout;
    private final TestConnectionHosts hosts;

    public ConnectionCheck(Clock clock, Duration timeout, TestConnectionHosts hosts) {
        this.clock = clock;
        this.timeout = timeout;
        this.hosts = hosts;
    }

    /**
     * @param inForce the endpoint in force, always allowed
     * @throws ValidationException (field {@code endpoint}) when the host is not one a test may reach
     */
    public Result check(Settings settings, Optional<URI> inForce) {
        URI target = settings.endpoint().orElseThrow();
        if (!hosts.allows(target, inForce)) {
            throw ValidationException.of(SettingKey.ENDPOINT.field(), "Test connection only reaches the endpoint in "
                    + "force and the hosts allowed by FP_TEST_CONNECTION_HOSTS (" + hosts + ").");
        }
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
            log.info("Test connection to {}: no answer within {} s", config.endpoint(), timeout.multipliedBy(2).toSeconds());
            return Result.failed(NOT_CONNECTED, Optional.empty());
        } catch (ExecutionException e) {
            Optional<CommandOutcome.Stop<?>> stop = client.stopOutcome();
            if (stop.isPresent()) {
                return Result.failed("Fleet Freedom refused the login: " + stop.get().reason(), Optional.of(stop.get().code()));
            }
            log.info("Test connection to {} failed: {}", config.endpoint(), String.valueOf(e.getCause()));
            return Result.failed(NOT_CONNECTED, Optional.empty());
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
