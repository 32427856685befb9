package dev.widescan.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Instantiates {@link TeddyTemplate} once per (vector width, lookup) as a hidden class whose class data are
 * that width's byte and short species: the loop is written once, and each copy's species is a
 * {@code static final} constant, which C2 needs to intrinsify the Vector API. The copies are defined on
 * first use and shared by every Teddy matcher of that kind in the process (so they share compiled code).
 */
final class TeddyKernels {
    private static final String TEMPLATE = "TeddyTemplate.class";
    private static final ConcurrentHashMap<String, MethodHandle> CONSTRUCTORS = new ConcurrentHashMap<>();

    private TeddyKernels() {
    }

    static TeddyKernel create(FoldedLiterals folded, TeddyPlan plan, int vectorBits, boolean sevenBit) {
        if (sevenBit && vectorBits != 512) {
            throw new IllegalArgumentException("the 7-bit table lookup needs 512-bit vectors (two of 64 entries), not " + vectorBits);
        }
        if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
            throw new IllegalArgumentException("Teddy runs on 128-, 256- or 512-bit vectors, not " + vectorBits);
        }
        MethodHandle constructor = CONSTRUCTORS.computeIfAbsent(TeddyKernel.describe(vectorBits, sevenBit),
                key -> define(vectorBits, sevenBit));
        try {
            return (TeddyKernel) constructor.invoke(folded, plan);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Teddy kernel construction failed", t);
        }
    }

    private static MethodHandle define(int vectorBits, boolean sevenBit) {
        VectorSpecies<Byte> bytes = ByteVector.SPECIES_512;
        VectorSpecies<Short> shorts = ShortVector.SPECIES_512;
        if (vectorBits == 256) {
            bytes = ByteVector.SPECIES_256;
            shorts = ShortVector.SPECIES_256;
        } else if (vectorBits == 128) {
            bytes = ByteVector.SPECIES_128;
            shorts = ShortVector.SPECIES_128;
        }
        try (InputStream in = TeddyKernels.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " not found beside " + TeddyKernels.class.getName());
            }
            MethodHandles.Lookup kernel = MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(),
                    List.of(bytes, shorts, sevenBit), true);
            return kernel.findConstructor(kernel.lookupClass(),
                    MethodType.methodType(void.class, FoldedLiterals.class, TeddyPlan.class));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + TEMPLATE, e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("defining the " + TeddyKernel.describe(vectorBits, sevenBit) + " Teddy kernel", e);
        }
    }
}
