package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void coversEveryNumberFrom0To142Once() {
        IntStream.rangeClosed(0, 142).forEach(n -> assertThat(ErrorCode.of(n).number()).isEqualTo(n));
        assertThat(ErrorCode.values()).as("the vendor list and our unrecognised").hasSize(143 + 1);
    }

    @Test
    void theCodesTheClientActsOnHaveTheVendorNames() {
        assertThat(ErrorCode.of(0)).isEqualTo(ErrorCode.success);
        assertThat(ErrorCode.of(1)).isEqualTo(ErrorCode.unknown);
        assertThat(ErrorCode.of(2)).isEqualTo(ErrorCode.service);
        assertThat(ErrorCode.of(3)).isEqualTo(ErrorCode.invalidData);
        assertThat(ErrorCode.of(5)).isEqualTo(ErrorCode.permissionDenied);
        assertThat(ErrorCode.of(6)).isEqualTo(ErrorCode.wrongVersionKey);
        assertThat(ErrorCode.of(7)).isEqualTo(ErrorCode.sessionExpired);
        assertThat(ErrorCode.of(8)).isEqualTo(ErrorCode.userNotLoggedIn);
        assertThat(ErrorCode.of(9)).isEqualTo(ErrorCode.sessionKilled);
        assertThat(ErrorCode.of(10)).isEqualTo(ErrorCode.loggedOut);
        assertThat(ErrorCode.of(11)).isEqualTo(ErrorCode.invalidCredentials);
        assertThat(ErrorCode.of(14)).isEqualTo(ErrorCode.multiUserDenied);
        assertThat(ErrorCode.of(16)).isEqualTo(ErrorCode.passwordExpired);
        assertThat(ErrorCode.of(19)).isEqualTo(ErrorCode.sessionNotFound);
        assertThat(ErrorCode.of(28)).isEqualTo(ErrorCode.companyNotFound);
        assertThat(ErrorCode.of(43)).isEqualTo(ErrorCode.providerNotFound);
        assertThat(ErrorCode.of(48)).isEqualTo(ErrorCode.providerConfigurationNotFound);
        assertThat(ErrorCode.of(61)).isEqualTo(ErrorCode.unknownCommand);
        assertThat(ErrorCode.of(73)).isEqualTo(ErrorCode.sessionThrottled);
        assertThat(ErrorCode.of(105)).isEqualTo(ErrorCode.commandThrottled);
        assertThat(ErrorCode.of(130)).isEqualTo(ErrorCode.invalidOperation);
        assertThat(ErrorCode.of(142)).isEqualTo(ErrorCode.formTemplateInUse);
    }

    @Test
    void unknownNumbersFallBack() {
        assertThat(ErrorCode.of(143)).isEqualTo(ErrorCode.unrecognised);
        assertThat(ErrorCode.of(-5)).isEqualTo(ErrorCode.unrecognised);
        assertThat(ErrorCode.of(Integer.MAX_VALUE)).isEqualTo(ErrorCode.unrecognised);
    }

    @Test
    void groups() {
        assertThat(IntStream.of(7, 8, 9, 10, 19).mapToObj(ErrorCode::of)).allMatch(ErrorCode::isSessionLost);
        assertThat(IntStream.of(11, 14, 16).mapToObj(ErrorCode::of)).allMatch(ErrorCode::isStop);
        assertThat(IntStream.of(73, 105).mapToObj(ErrorCode::of)).allMatch(ErrorCode::isThrottle);
        assertThat(IntStream.rangeClosed(0, 142).mapToObj(ErrorCode::of)
                .filter(c -> c.isSessionLost() || c.isStop() || c.isThrottle())).hasSize(10);
    }
}
