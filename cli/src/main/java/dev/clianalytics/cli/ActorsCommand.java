package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "actors",
    mixinStandardHelpOptions = true,
    description = "Erase an actor: actors delete ACTOR_ID.")
final class ActorsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("actors", 3);
  }
}
