package com.fleetprovisioner.fleetfreedom;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Fleet Freedom's {@code errorCode} numbers 0–142.
 *
 * <p>Constant names are the vendor's own spelling (trakit-ts-commands / trakit-cs ErrorCode files),
 * deliberately not SCREAMING_CASE, so that a name in our logs can be searched for in the vendor's
 * documentation as is. Numbers no SDK names are {@code code<N>}. One negative pseudo code is ours:
 * {@link #unrecognised} (a number outside the list). A command never written is not an error code but
 * its own outcome, {@link CommandOutcome.NotSent}.
 */
public enum ErrorCode {
    success(0),
    unknown(1),
    service(2),
    invalidData(3),
    invalidPermission(4),
    permissionDenied(5),
    wrongVersionKey(6),
    sessionExpired(7),
    userNotLoggedIn(8),
    sessionKilled(9),
    loggedOut(10),
    invalidCredentials(11),
    applicationNotAllowed(12),
    ipNotAllowed(13),
    multiUserDenied(14),
    noncompliantPassword(15),
    passwordExpired(16),
    samePassword(17),
    killSessionFailed(18),
    sessionNotFound(19),
    assetNotFound(20),
    assetNotDeleted(21),
    assetsListNotFound(22),
    behaviourScriptNotFound(23),
    behaviourScriptNotDeleted(24),
    behaviourScriptInUse(25),
    behaviourNotFound(26),
    behaviourNotDeleted(27),
    companyNotFound(28),
    companyNotDeleted(29),
    userGroupNotFound(30),
    contactNotFound(31),
    contactNotDeleted(32),
    iconNotFound(33),
    iconNotDeleted(34),
    maintenanceJobNotFound(35),
    maintenanceJobNotDeleted(36),
    maintenanceScheduleNotFound(37),
    maintenanceScheduleNotDeleted(38),
    maintenanceScheduleInUse(39),
    placeNotFound(40),
    placeNotDeleted(41),
    placesListNotFound(42),
    providerNotFound(43),
    providerNotDeleted(44),
    providersListNotFound(45),
    deletedProvider(46),
    providerConfigurationTypeNotFound(47),
    providerConfigurationNotFound(48),
    providerConfigurationNotDeleted(49),
    providerConfigurationInUse(50),
    invalidConfigurationOptions(51),
    reportTemplateNotFound(52),
    reportTemplateNotDeleted(53),
    userNotFound(54),
    userNotDeleted(55),
    deletedUser(56),
    suicide(57),
    labelsListNotUnique(58),
    tagsListNotUnique(59),
    userGroupsListNotFound(60),
    unknownCommand(61),
    timezoneNotFound(62),
    assetMessageNotFound(63),
    dispatchTaskNotFound(64),
    userGroupInUse(65),
    userGroupNotDeleted(66),
    reportResultNotFound(67),
    pictureNotFound(68),
    picturesListNotFound(69),
    pictureNotDeleted(70),
    permissionEscalation(71),
    userAlreadyExists(72),
    sessionThrottled(73),
    usersListNotFound(74),
    reportResultNotDeleted(75),
    // named only in the older trakit-cs SDK
    carrierNotFound(76),
    // named only in the older trakit-cs SDK
    carrierNotDeleted(77),
    // named only in the older trakit-cs SDK
    inspectionNotFound(78),
    // named only in the older trakit-cs SDK
    inspectionNotDeleted(79),
    geocoderError(80),
    geocoderNotFound(81),
    directionsError(82),
    directionsNotFound(83),
    // named only in the older trakit-cs SDK
    elogNotFound(84),
    userDisabled(85),
    invalidRegistration(86),
    // number not named in any vendor SDK we could read (a gap in the vendor's numbering)
    code87(87),
    // number not named in any vendor SDK we could read (a gap in the vendor's numbering)
    code88(88),
    verifyTimeout(89),
    invalidMime(90),
    filesizeExceeded(91),
    invalidProviderType(92),
    reportScheduleNotFound(93),
    reportScheduleNotDeleted(94),
    reportResultNotReady(95),
    assetSuspended(96),
    assetNotSuspended(97),
    providerSuspended(98),
    providerNotSuspended(99),
    dispatchTaskNotDeleted(100),
    assetMessageNotDeleted(101),
    providerScriptNotFound(102),
    providerScriptNotDeleted(103),
    providerScriptInUse(104),
    commandThrottled(105),
    resellerNotFound(106),
    resellerNotDeleted(107),
    operationPending(108),
    operationRunning(109),
    operationFailed(110),
    billingProfileNotFound(111),
    billingProfileNotDeleted(112),
    hostingRuleNotFound(113),
    hostingRuleNotDeleted(114),
    // number not named in any vendor SDK we could read (a gap in the vendor's numbering)
    code115(115),
    // number not named in any vendor SDK we could read (a gap in the vendor's numbering)
    code116(116),
    hostingLicenseNotFound(117),
    hostingLicenseNotDeleted(118),
    billingReportNotFound(119),
    billingReportNotDeleted(120),
    contactInUse(121),
    documentNotFound(122),
    documentNotDeleted(123),
    documentsListNotFound(124),
    unchanged(125),
    nothing(126),
    machineNotFound(127),
    machineNotDeleted(128),
    machineNotAllowed(129),
    invalidOperation(130),
    referrerNotAllowed(131),
    formTemplateNotFound(132),
    formTemplateNotDeleted(133),
    formResultNotFound(134),
    formResultNotDeleted(135),
    formResultsListNotFound(136),
    dispatchTemplateNotFound(137),
    dispatchTemplateNotDeleted(138),
    dispatchJobNotFound(139),
    dispatchJobNotDeleted(140),
    dispatchJobsListNotFound(141),
    formTemplateInUse(142),

    /** Ours: a number the vendor list does not contain. */
    unrecognised(-1);

    private static final ErrorCode[] BY_NUMBER = Arrays.stream(values())
            .filter(c -> c.number >= 0)
            .sorted(Comparator.comparingInt(ErrorCode::number))
            .toArray(ErrorCode[]::new);

    private final int number;

    ErrorCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Never throws: numbers outside 0–142 map to {@link #unrecognised}. */
    public static ErrorCode of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : unrecognised;
    }

    /** 7, 8, 9, 10, 19: the session is gone, not the command; log in again and resend. */
    public boolean isSessionLost() {
        return this == sessionExpired || this == userNotLoggedIn || this == sessionKilled
                || this == loggedOut || this == sessionNotFound;
    }

    /** 73, 105: the server asks every sender to wait {@code errorDetails.timeout} seconds. */
    public boolean isThrottle() {
        return this == sessionThrottled || this == commandThrottled;
    }

    /** 11, 14, 16: an account problem; nothing else may be sent until an admin fixes it. */
    public boolean isStop() {
        return this == invalidCredentials || this == multiUserDenied || this == passwordExpired;
    }
}
