import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Re-encodes the class files of a jar that are older than Java 6 (major version < 50) as Java 8 class files
 * (version 52) with generated stack maps, so that JDK 25's AOT cache can hold them. Run by
 * scripts/aot-cache.sh on the CLI jar before its training run: {@code java ClassFileUpgrade.java JAR}.
 *
 * Why: picocli is compiled for Java 5. The JVM verifies such classes with the old type-inferring verifier,
 * and a class linked that way cannot be archived ("Skipping picocli/...: Old class has been linked"), so
 * every widescan command loaded, verified and linked picocli's ~170 classes from the jar at start-up: ~0.1 s
 * of every command (bench/RESULTS.md §20). The bytecode is unchanged: each method body is passed through the
 * ClassFile API, which computes its StackMapTable; the new class file is then checked by the ClassFile API's
 * verifier (the split verifier's rules). A class whose code cannot carry stack maps (a {@code jsr}/{@code
 * ret} subroutine, a type outside the jar and the JDK) is left as it was and named on standard error: it
 * still runs, it is only not cached. Any verify error of a re-encoded class fails the run (exit 1) and
 * leaves the jar unchanged.
 */
public final class ClassFileUpgrade {
    private static final int FIRST_VERSION_WITH_STACK_MAPS = 50;

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java ClassFileUpgrade.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        if (!Files.isRegularFile(jar)) {
            System.err.println("ClassFileUpgrade: no such jar: " + jar);
            System.exit(1);
        }
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Map<Path, byte[]> classes = new HashMap<>();
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                for (Path p : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    classes.put(p, Files.readAllBytes(p));
                }
            }
            Map<ClassDesc, ClassModel> byName = new HashMap<>();
            for (byte[] b : classes.values()) {
                ClassModel m = ClassFile.of().parse(b);
                byName.put(m.thisClass().asSymbol(), m);
            }
            // Stack maps need the common supertype of two types at a merge point: the jar's own classes are
            // resolved from the jar, everything else from the JDK (ClassHierarchyResolver.defaultResolver()).
            ClassHierarchyResolver inJar = desc -> {
                ClassModel m = byName.get(desc);
                if (m == null) {
                    return null;
                }
                return m.flags().has(AccessFlag.INTERFACE)
                        ? ClassHierarchyResolver.ClassHierarchyInfo.ofInterface()
                        : ClassHierarchyResolver.ClassHierarchyInfo.ofClass(m.superclass().map(c -> c.asSymbol()).orElse(null));
            };
            ClassFile cf = ClassFile.of(
                    ClassFile.ClassHierarchyResolverOption.of(inJar.orElse(ClassHierarchyResolver.defaultResolver())),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(cb -> cb.withVersion(ClassFile.JAVA_8_VERSION, 0)));
            Map<Path, byte[]> upgraded = new HashMap<>();
            List<String> kept = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            for (Map.Entry<Path, byte[]> e : classes.entrySet()) {
                ClassModel m = cf.parse(e.getValue());
                if (m.majorVersion() >= FIRST_VERSION_WITH_STACK_MAPS) {
                    continue;
                }
                byte[] out;
                try {
                    out = cf.transformClass(m, upgrade);
                } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException ex) {
                    kept.add(e.getKey() + " (version " + m.majorVersion() + "): " + ex.getMessage());
                    continue;
                }
                List<VerifyError> errors = cf.verify(out);
                if (!errors.isEmpty()) {
                    broken.add(e.getKey() + ": " + errors.getFirst().getMessage());
                    continue;
                }
                upgraded.put(e.getKey(), out);
            }
            if (!broken.isEmpty()) {
                System.err.println("ClassFileUpgrade: " + jar + ": " + broken.size() + " re-encoded classes fail verification, jar unchanged:");
                broken.forEach(s -> System.err.println("  " + s));
                System.exit(1);
            }
            for (Map.Entry<Path, byte[]> e : upgraded.entrySet()) {
                Files.write(e.getKey(), e.getValue());
            }
            kept.forEach(s -> System.err.println("ClassFileUpgrade: kept as it was (not AOT-cacheable): " + s));
            System.out.println("ClassFileUpgrade: " + jar + ": " + upgraded.size() + " class files re-encoded at version 52, "
                    + kept.size() + " kept");
        }
    }
}
