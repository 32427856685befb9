package dev.widescan.match;

import dev.widescan.format.Utf16Column;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
        String key = TeddyKernel.describe(vectorBits, sevenBit);
        MethodHandle constructor = CONSTRUCTORS.computeIfAbsent(key, k -> define(vectorBits, sevenBit));
        TeddyKernel kernel;
        try {
            kernel = (TeddyKernel) constructor.invoke(folded, plan);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Teddy kernel construction failed", t);
        }
        if (folded.set.size() > 0 && PROFILED.add(key)) {
            profileEveryBranch(kernel, folded.set, vectorBits / 8);
        }
        return kernel;
    }

    private static final java.util.Set<String> PROFILED = ConcurrentHashMap.newKeySet();

    /** Skips {@link #profileEveryBranch} for this kernel: {@link KernelPreWarm} profiles it on a mapped column. */
    static void markProfiled(int vectorBits, boolean sevenBit) {
        PROFILED.add(TeddyKernel.describe(vectorBits, sevenBit));
    }

    /**
     * Runs a newly defined kernel class once over a short column that holds a literal, a stretch without
     * one, and ends inside its last vector, so that the profile C2 later compiles the loop from has seen
     * each of its branches: a block verified and one not, the tail copy at the column's end, the loop's
     * exit. Why: {@code jvm.properties} makes C2 compile the kernel within its first piece, and a first piece
     * never reaches its column's end; C2 turns a branch never taken into a trap, so the first column end
     * threw the compiled kernel away and the scan waited for it to be compiled again
     * ({@code -Xlog:deoptimization}: {@code unstable_if} at the tail test; bench/RESULTS.md §18). A branch
     * seen once is compiled as a branch. Costs one interpreted call over ~{@code 2 * lanes} units per vector
     * width and process (well under a millisecond).
     */
    private static void profileEveryBranch(TeddyKernel kernel, LiteralSet literals, int lanes) {
        Utf16Column column = profileColumn(literals, lanes);
        new TeddyKernel.TeddySearcher(kernel).scan(column, 0, column.count(), (value, id) -> { });
    }

    /** Units of the literal put in the profile column at most. */
    static final int PROFILE_LITERAL_MAX = 256;

    /** The column of {@link #profileEveryBranch}: the first literal, then text past one vector of {@code lanes} units, ending inside the next. */
    static Utf16Column profileColumn(LiteralSet literals, int lanes) {
        String shortest = literals.get(0).text();
        for (Literal l : literals.literals()) {
            shortest = l.text().length() < shortest.length() ? l.text() : shortest;
        }
        // a hostile rule's 20,000-unit literal would cost milliseconds of interpreted vector code: a prefix
        // still makes a candidate block, which is the branch that matters here
        String hit = "cmd.exe /c " + shortest.substring(0, Math.min(shortest.length(), PROFILE_LITERAL_MAX));
        StringBuilder miss = new StringBuilder(" -q");
        while (hit.length() + miss.length() + 1 < lanes + lanes / 2 + 3) { // past one whole vector, ending inside the next
            miss.append(" -q");
        }
        if ((hit.length() + miss.length() + 1) % lanes == 0) {
            miss.append('q');
        }
        String[] values = {hit, miss.toString(), "z"};
        int total = 0;
        for (String v : values) {
            total += v.length();
        }
        MemorySegment units = Arena.ofAuto().allocate(2L * total, Utf16Column.ALIGNMENT);
        int[] offsets = new int[values.length + 1];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            offsets[i] = at;
            for (int k = 0; k < values[i].length(); k++) {
                units.setAtIndex(Utf16Column.UNIT, at++, values[i].charAt(k));
            }
        }
        offsets[values.length] = at;
        return new Utf16Column().wrap(units, MemorySegment.ofArray(offsets), null, values.length);
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
