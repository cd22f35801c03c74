package dev.clianalytics.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, falling back to "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  static String current() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"cli-analytics " + current()};
  }
}
