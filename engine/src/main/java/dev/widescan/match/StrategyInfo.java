package dev.widescan.match;

/** One matcher strategy as listed by {@code widescan strategies}: its lowercase name and a one-line description. */
public record StrategyInfo(String name, String description) {
}
