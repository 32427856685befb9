package dev.widescan.cli;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/ClassFileUpgrade.java, which the build runs on the CLI jar so that JDK 25's AOT cache can hold
 * picocli's Java 5 classes: on a jar of Java 5 class files made here (branches, a merge of two of the jar's
 * own types, a {@code jsr} subroutine) and one current class, run as the build runs it.
 */
class ClassFileUpgradeTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "ClassFileUpgrade.java").toAbsolutePath().normalize();
    private static final ClassDesc BASE = ClassDesc.of("old.Base");
    private static final ClassDesc SUB = ClassDesc.of("old.Sub");
    private static final ClassDesc BRANCHY = ClassDesc.of("old.Branchy");
    private static final ClassDesc SUBROUTINE = ClassDesc.of("old.Subroutine");
    private static final ClassDesc CURRENT = ClassDesc.of("current.Current");

    @TempDir
    Path dir;

    @Test
    void oldClassesBecomeVersion52WithTheSameBehaviourAndTheRestIsLeftAlone() throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("old/Base.class", plainClass(BASE, CD_Object, 49));
        classes.put("old/Sub.class", plainClass(SUB, BASE, 49));
        classes.put("old/Branchy.class", branchy());
        classes.put("old/Subroutine.class", subroutine());
        classes.put("current/Current.class", plainClass(CURRENT, CD_Object, ClassFile.JAVA_17_VERSION));
        Path jar = dir.resolve("lib.jar");
        writeJar(jar, classes);

        Result r = upgrade(jar);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("3 class files re-encoded at version 52, 1 kept"), r.out);
        assertTrue(r.err.contains("old/Subroutine.class (version 49)"), "the jsr class is named: " + r.err);

        Map<String, byte[]> after = readJar(jar);
        for (String name : new String[] {"old/Base.class", "old/Sub.class", "old/Branchy.class"}) {
            assertEquals(52, ClassFile.of().parse(after.get(name)).majorVersion(), name);
        }
        assertEquals(49, ClassFile.of().parse(after.get("old/Subroutine.class")).majorVersion());
        assertArrayEquals(classes.get("current/Current.class"), after.get("current/Current.class"), "a current class is not rewritten");

        // the JVM's own verifier (split verifier for version 52: no fallback) accepts the new stack maps
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Class<?> branchy = Class.forName("old.Branchy", true, loader);
            Method pick = branchy.getMethod("pick", int.class);
            assertEquals(1, pick.invoke(null, 5));
            assertEquals(-1, pick.invoke(null, -5));
            Method choose = branchy.getMethod("choose", boolean.class);
            assertEquals("old.Sub", choose.invoke(null, true).getClass().getName());
            assertEquals("old.Base", choose.invoke(null, false).getClass().getName());
            Method sum = branchy.getMethod("sumTo", int.class);
            assertEquals(55, sum.invoke(null, 10));
            Class.forName("old.Subroutine", true, loader).getMethod("run").invoke(null);
        }
    }

    @Test
    void aMissingJarFailsClearly() throws Exception {
        Result r = upgrade(dir.resolve("none.jar"));
        assertEquals(1, r.exit);
        assertTrue(r.err.contains("no such jar") && r.err.contains("none.jar"), r.err);
    }

    /**
     * A class whose stack maps or verification need a type that is neither in the jar nor in the JDK (an
     * optional dependency left out of the shaded jar) is kept as it was, named, and the run succeeds: the
     * JVM only resolves such a type when that code runs, so the class still works; it is only not cached.
     */
    @Test
    void aClassThatNeedsATypeOutsideTheJarAndTheJdkIsKeptAndTheOthersUpgraded() throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("old/Base.class", plainClass(BASE, CD_Object, 49));
        classes.put("old/UsesMissing.class", usesMissing());
        Path jar = dir.resolve("lib.jar");
        writeJar(jar, classes);

        Result r = upgrade(jar);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("1 class files re-encoded at version 52, 1 kept"), r.out);
        assertTrue(r.err.contains("old/UsesMissing.class (version 49)") && r.err.contains("missing.Y"), r.err);
        Map<String, byte[]> after = readJar(jar);
        assertEquals(52, ClassFile.of().parse(after.get("old/Base.class")).majorVersion());
        assertArrayEquals(classes.get("old/UsesMissing.class"), after.get("old/UsesMissing.class"));
    }

    /** An entry named .class that is no class file: named, kept as it was, the rest upgraded; no stack trace. */
    @Test
    void anEntryThatIsNoClassFileIsNamedAndKept() throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put("old/Base.class", plainClass(BASE, CD_Object, 49));
        classes.put("res/data.class", "not a class".getBytes(StandardCharsets.UTF_8));
        Path jar = dir.resolve("lib.jar");
        writeJar(jar, classes);

        Result r = upgrade(jar);
        assertEquals(0, r.exit, r.err);
        assertTrue(r.err.contains("res/data.class") && r.err.contains("not a class file"), r.err);
        assertTrue(!r.err.contains("\tat "), "no stack trace: " + r.err);
        Map<String, byte[]> after = readJar(jar);
        assertEquals(52, ClassFile.of().parse(after.get("old/Base.class")).majorVersion());
        assertArrayEquals(classes.get("res/data.class"), after.get("res/data.class"));
    }

    /** A file that is no jar: exit 1, the file named, no stack trace, the file unchanged. */
    @Test
    void aFileThatIsNoJarFailsClearly() throws Exception {
        Path jar = Files.writeString(dir.resolve("text.jar"), "hello");
        Result r = upgrade(jar);
        assertEquals(1, r.exit, r.err);
        assertTrue(r.err.contains("text.jar") && r.err.contains("jar unchanged"), r.err);
        assertTrue(!r.err.contains("\tat "), "no stack trace: " + r.err);
        assertEquals("hello", Files.readString(jar));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.Set.of("text.jar", "err.txt"), files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()), "no working copy is left behind");
        }
    }

    /** m(X x) { take(x); } with take(Y): verifying it needs whether X is a Y, and neither is anywhere. */
    private static byte[] usesMissing() {
        ClassDesc x = ClassDesc.of("missing.X");
        ClassDesc y = ClassDesc.of("missing.Y");
        ClassDesc self = ClassDesc.of("old.UsesMissing");
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(self, cb -> cb
                .withVersion(49, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withSuperclass(CD_Object)
                .withMethodBody("take", MethodTypeDesc.of(CD_void, y), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, c -> c.return_())
                .withMethodBody("m", MethodTypeDesc.of(CD_void, x), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                        c -> c.aload(0).invokestatic(self, "take", MethodTypeDesc.of(CD_void, y)).return_()));
    }

    private static byte[] plainClass(ClassDesc name, ClassDesc superclass, int version) {
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(name, cb -> cb
                .withVersion(version, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withSuperclass(superclass)
                .withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                        c -> c.aload(0).invokespecial(superclass, INIT_NAME, MTD_void).return_()));
    }

    /** pick(x): x > 0 ? 1 : -1; choose(b): a Base local that holds a Sub or a Base; sumTo(n): a loop. */
    private static byte[] branchy() {
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(BRANCHY, cb -> cb
                .withVersion(49, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withSuperclass(CD_Object)
                .withMethodBody("pick", MethodTypeDesc.of(CD_int, CD_int), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, c -> {
                    Label negative = c.newLabel();
                    c.iload(0).ifle(negative).iconst_1().ireturn().labelBinding(negative).iconst_m1().ireturn();
                })
                .withMethodBody("choose", MethodTypeDesc.of(CD_Object, CD_boolean), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, c -> {
                    Label base = c.newLabel();
                    Label done = c.newLabel();
                    c.iload(0).ifeq(base)
                            .new_(SUB).dup().invokespecial(SUB, INIT_NAME, MTD_void).astore(1).goto_(done)
                            .labelBinding(base)
                            .new_(BASE).dup().invokespecial(BASE, INIT_NAME, MTD_void).astore(1)
                            .labelBinding(done)
                            .aload(1).invokevirtual(BASE, "hashCode", MethodTypeDesc.of(CD_int)).pop()
                            .aload(1).areturn();
                })
                .withMethodBody("sumTo", MethodTypeDesc.of(CD_int, CD_int), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, c -> {
                    Label loop = c.newLabel();
                    Label end = c.newLabel();
                    c.iconst_0().istore(1).iconst_1().istore(2)
                            .labelBinding(loop).iload(2).iload(0).if_icmpgt(end)
                            .iload(1).iload(2).iadd().istore(1).iinc(2, 1).goto_(loop)
                            .labelBinding(end).iload(1).ireturn();
                }));
    }

    /** run(): a jsr to a subroutine that returns with ret, as javac wrote finally blocks before Java 6. */
    private static byte[] subroutine() {
        return ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS).build(SUBROUTINE, cb -> cb
                .withVersion(49, 0)
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withSuperclass(CD_Object)
                .withMethodBody("run", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, c -> {
                    Label sub = c.newLabel();
                    c.with(DiscontinuedInstruction.JsrInstruction.of(sub));
                    c.return_();
                    c.labelBinding(sub).astore(0);
                    c.with(DiscontinuedInstruction.RetInstruction.of(0));
                }));
    }

    private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> readJar(Path jar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                m.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return m;
    }

    private record Result(int exit, String out, String err) {}

    private Result upgrade(Path jar) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, SCRIPT.toString(), jar.toString())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ClassFileUpgrade did not finish");
        return new Result(p.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }
}
