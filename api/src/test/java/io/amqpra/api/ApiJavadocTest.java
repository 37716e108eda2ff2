package io.amqpra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Applications compile against this module, so every public or protected type, constructor,
 * method, field and enum constant has a javadoc comment, and every public record names each of its
 * components with {@code @param}. javac's doclint finds the missing comments; its other "missing"
 * warnings ({@code no @param}, {@code no @return}) are not enforced, so one-line comments stay
 * possible. JDK 17's doclint does not check record components, so this test does.
 */
class ApiJavadocTest {

    @Test
    void everyPublicMemberHasJavadoc() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(Path.of("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        String classpath = Path.of(ResourceException.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                List.of("-proc:none", "-Xdoclint:missing/protected", "-Xmaxwarns", "10000", "-cp", classpath),
                null, files.getJavaFileObjectsFromPaths(sources));
        Iterable<? extends CompilationUnitTree> units = task.parse();
        task.analyze();

        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR || d.getMessage(Locale.ROOT).equals("no comment")) {
                problems.add(Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": "
                        + d.getMessage(Locale.ROOT));
            }
        }
        DocTrees docTrees = DocTrees.instance(task);
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree tree, Void unused) {
                    if (docTrees.getElement(getCurrentPath()) instanceof TypeElement type
                            && type.getKind() == ElementKind.RECORD
                            && type.getModifiers().contains(Modifier.PUBLIC)) {
                        problems.addAll(undocumentedComponents(docTrees, type));
                    }
                    return super.visitClass(tree, unused);
                }
            }.scan(unit, null);
        }
        assertEquals(List.of(), problems, "public API without javadoc");
    }

    private static List<String> undocumentedComponents(DocTrees docTrees, TypeElement record) {
        var comment = docTrees.getDocCommentTree(record);
        Set<String> documented = comment == null ? Set.of() : comment.getBlockTags().stream()
                .filter(tag -> tag.getKind() == DocTree.Kind.PARAM)
                .map(tag -> ((ParamTree) tag).getName().getName().toString())
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (RecordComponentElement component : record.getRecordComponents()) {
            if (!documented.contains(component.getSimpleName().toString())) {
                missing.add(record.getQualifiedName() + ": no @param for record component "
                        + component.getSimpleName());
            }
        }
        return missing;
    }
}
