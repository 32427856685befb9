package dev.widescan.corpus;

/** One family of command lines: draws the command line, binary, account and parent into the scene. */
@FunctionalInterface
interface Shape {
    void draw(Draw d, Scene s);
}
