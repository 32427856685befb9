package dev.widescan.tune;

/**
 * Two strategies reported different hits on the same sample value: a bug in the engine (every strategy
 * must report exactly the same (value, literal) pairs). The message names the field, file, block, value
 * and literal; {@code widescan tune} prints it and exits 1.
 */
public final class SelfTestFailure extends RuntimeException {
    public SelfTestFailure(String message) {
        super(message);
    }
}
