/**
 * Realistic, reproducible sample events ({@code generate-sample}, {@code demo}): scripted sessions
 * of terraform, kubectl, npm, git, docker and ai-do users and CI runners, with every workflow
 * outcome and a planted regression, from a seed.
 */
package dev.clianalytics.core.sample;
