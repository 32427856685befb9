import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * still runs, it is only not cached; so is an entry named .class that is no class file. Any verify error
 * of a re-encoded class, and a file that cannot be read or rewritten as a jar, fails the run (exit 1, the
 * jar named) and leaves the jar unchanged.
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
        // The classes are rewritten in a copy next to the jar, which replaces the jar only once all of them
        // are written and the copy closed: a failure at any point (not a zip, a verify error, an I/O error
        // while writing) leaves the jar as it was, never half rewritten.
        Path copy = null;
        int exit;
        try {
            copy = Files.createTempFile(jar.toAbsolutePath().getParent(), "." + jar.getFileName() + ".", ".upgrade.jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            exit = upgrade(copy, jar);
            if (exit == 0) {
                Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ClassFileUpgrade: " + jar + ": " + e + ", jar unchanged");
            exit = 1;
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
        System.exit(exit);
    }

    /** Upgrades the classes of {@code copy} (a copy of {@code jar}, which messages name); 0 or 1 (verify error). */
    private static int upgrade(Path copy, Path jar) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
            Map<Path, byte[]> classes = new HashMap<>();
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                for (Path p : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p))::iterator) {
                    classes.put(p, Files.readAllBytes(p));
                }
            }
            List<String> kept = new ArrayList<>();
            Map<ClassDesc, ClassModel> byName = new HashMap<>();
            for (Iterator<Map.Entry<Path, byte[]>> it = classes.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, byte[]> e = it.next();
                try {
                    ClassModel m = ClassFile.of().parse(e.getValue());
                    byName.put(m.thisClass().asSymbol(), m);
                } catch (IllegalArgumentException ex) {
                    kept.add(e.getKey() + ": not a class file (" + ex.getMessage() + ")");
                    it.remove();
                }
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
            // a type found nowhere is recorded: a class whose stack maps or verification need one is kept as
            // it was (the JVM resolves it only when that code runs), not counted as failing verification
            Set<ClassDesc> unresolved = new TreeSet<>(Comparator.comparing(ClassDesc::descriptorString));
            ClassHierarchyResolver everywhere = inJar.orElse(ClassHierarchyResolver.defaultResolver());
            ClassHierarchyResolver recording = desc -> {
                ClassHierarchyResolver.ClassHierarchyInfo info = everywhere.getClassInfo(desc);
                if (info == null) {
                    unresolved.add(desc);
                }
                return info;
            };
            ClassFile cf = ClassFile.of(
                    ClassFile.ClassHierarchyResolverOption.of(recording),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            ClassTransform upgrade = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(cb -> cb.withVersion(ClassFile.JAVA_8_VERSION, 0)));
            Map<Path, byte[]> upgraded = new HashMap<>();
            List<String> broken = new ArrayList<>();
            for (Map.Entry<Path, byte[]> e : classes.entrySet()) {
                ClassModel m = cf.parse(e.getValue());
                if (m.majorVersion() >= FIRST_VERSION_WITH_STACK_MAPS) {
                    continue;
                }
                unresolved.clear();
                byte[] out;
                try {
                    out = cf.transformClass(m, upgrade);
                } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException ex) {
                    kept.add(e.getKey() + " (version " + m.majorVersion() + "): " + ex.getMessage());
                    continue;
                }
                List<VerifyError> errors = cf.verify(out);
                if (!errors.isEmpty() && !unresolved.isEmpty()) {
                    kept.add(e.getKey() + " (version " + m.majorVersion() + "): needs "
                            + String.join(", ", unresolved.stream().map(ClassFileUpgrade::className).toList())
                            + ", found neither in the jar nor in the JDK");
                    continue;
                }
                if (!errors.isEmpty()) {
                    broken.add(e.getKey() + ": " + errors.getFirst().getMessage());
                    continue;
                }
                upgraded.put(e.getKey(), out);
            }
            if (!broken.isEmpty()) {
                System.err.println("ClassFileUpgrade: " + jar + ": " + broken.size() + " re-encoded classes fail verification, jar unchanged:");
                broken.forEach(s -> System.err.println("  " + s));
                return 1;
            }
            for (Map.Entry<Path, byte[]> e : upgraded.entrySet()) {
                Files.write(e.getKey(), e.getValue());
            }
            kept.forEach(s -> System.err.println("ClassFileUpgrade: kept as it was (not AOT-cacheable): " + s));
            System.out.println("ClassFileUpgrade: " + jar + ": " + upgraded.size() + " class files re-encoded at version 52, "
                    + kept.size() + " kept");
            return 0;
        }
    }

    /** java.lang.String for Ljava/lang/String; (ClassDesc.displayName() drops the package). */
    private static String className(ClassDesc desc) {
        String d = desc.descriptorString();
        return d.startsWith("L") ? d.substring(1, d.length() - 1).replace('/', '.') : desc.displayName();
    }
}
