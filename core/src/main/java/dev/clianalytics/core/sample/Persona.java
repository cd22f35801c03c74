package dev.clianalytics.core.sample;

import java.util.List;

/**
 * One simulated actor: a person with the tools they use, or a CI runner. {@code rawActorId} is what
 * a careless client might send (sometimes an e-mail address), so the privacy rules get exercised.
 */
record Persona(
    String rawActorId,
    String rawMachineId,
    boolean ci,
    List<String> tools,
    double activity,
    int upgradeLagDays) {}
