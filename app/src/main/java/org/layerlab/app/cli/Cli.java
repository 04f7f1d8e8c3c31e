package org.layerlab.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.layerlab.app.learn.LessonCommand;
import org.layerlab.app.project.ProjectController;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.graph.shape.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** The headless command line: {@code layerlab <command> ...}. Bad input: exit code 1 and a one-line reason. */
@Command(name = "layerlab", mixinStandardHelpOptions = true, version = "LayerLab 0.1.0",
        description = "Draw neural networks and watch them learn. With no arguments, opens the window.",
        subcommands = {Cli.SummaryCommand.class, TrainCommand.class, Cli.ExportJavaCommand.class, BenchCommand.class,
                org.layerlab.app.learn.LessonCommand.class, Cli.SamplesCommand.class, Cli.NewCommand.class, EvalCommand.class, PredictCommand.class, ImportCommand.class,
                Cli.CompletionCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("layerlab: " + (ex instanceof UserError ? ex.getMessage() : ex.toString()));
            return 1;
        });
        // a usage mistake is bad input too: one line naming the fix, exit code 1 (picocli's default is 2 and a wall of usage)
        cl.setParameterExceptionHandler((ex, params) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("layerlab: " + usageProblem(ex, params) + " (see: layerlab "
                    + (c.getCommandName().equals("layerlab") ? "" : c.getCommandName() + " ") + "--help)");
            return 1;
        });
        return cl.execute(args);
    }

    /**
     * What went wrong with the arguments, in plain words. A single argument that is not a command is
     * most likely a project the user wanted to open: say whether that file exists.
     */
    static String usageProblem(CommandLine.ParameterException ex, String[] args) {
        if (ex instanceof CommandLine.UnmatchedArgumentException && args.length > 0 && ex.getCommandLine().getCommandName().equals("layerlab")) {
            Path p = Path.of(args[0]);
            if (java.nio.file.Files.isDirectory(p)) return args[0] + " is a folder; give a project file (*.layerlab) or a command";
            if (!java.nio.file.Files.exists(p) && (args[0].endsWith(ProjectController.EXTENSION) || args[0].contains("/")))
                return args[0] + ": there is no such file";
            if (!args[0].endsWith(ProjectController.EXTENSION) && !args[0].startsWith("-"))
                return "\"" + args[0] + "\" is not a command; commands: summary, train, eval, export-java, bench, lesson, samples, new, completion";
        }
        String m = ex.getMessage();
        return m == null ? "bad arguments" : m.replace("\n", " ").strip();
    }

    /** An error caused by the user's input: printed as one line, without a stack trace. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** The project's graph compiled with {@code s}; a graph that cannot train is the user's one-line error. */
    static org.layerlab.trainer.compile.GraphCompiler.Compiled compile(Path file, Project p, org.layerlab.graph.project.TrainingSettings s) {
        try {
            return org.layerlab.trainer.compile.GraphCompiler.compile(p.graph(), s);
        } catch (org.layerlab.trainer.compile.CompileException e) {
            throw new UserError(file.getFileName() + ": " + e.getMessage().replace("\n", " "));
        }
    }

    /** The model zip a project names as its weights (relative to the project's folder), or null. */
    static Path weightsOf(Path projectFile, Project p) {
        if (p.weights() == null) return null;
        Path w = Path.of(p.weights());
        return w.isAbsolute() ? w : projectFile.toAbsolutePath().getParent().resolve(w).normalize();
    }

    static Project load(Path file) {
        if (java.nio.file.Files.isDirectory(file)) throw new UserError(file + " is a folder; give a project file (*.layerlab)");
        try {
            return ProjectFiles.read(file);
        } catch (ProjectFormatException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true, description = "Print layers, output shapes and parameter counts of a project.")
    static final class SummaryCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PROJECT.layerlab")
        Path project;

        @CommandLine.Option(names = "--json", description = "print one JSON object (layers, totals, problems) for scripts")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Project p = load(project);
            if (json) JsonOut.print(spec.commandLine().getOut(), JsonOut.summary(p.name(), p.graph()));
            else spec.commandLine().getOut().print(Summary.of(p.graph()));
            spec.commandLine().getOut().flush();
            // an impossible graph is bad input: the summary lists its problems, the exit code says so
            return org.layerlab.graph.shape.ShapeInference.analyze(p.graph()).hasErrors() ? 1 : 0;
        }
    }

    @Command(name = "export-java", mixinStandardHelpOptions = true, description = "Print Java code that builds the project's network with Deeplearning4j's own builders.")
    public static final class ExportJavaCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PROJECT.layerlab")
        Path project;

        @CommandLine.Option(names = "--class", paramLabel = "NAME", description = "the generated class's name (default: from the file name)")
        String className;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Project p = load(project);
            String name = className != null ? className : classNameFor(project);
            if (!javax.lang.model.SourceVersion.isName(name)) throw new UserError("--class " + name + " is not a Java class name");
            try {
                spec.commandLine().getOut().print(org.layerlab.trainer.export.JavaExport.source(p.graph(), p.training(), name));
            } catch (org.layerlab.trainer.compile.CompileException e) {
                throw new UserError(project.getFileName() + ": " + e.getMessage().replace("\n", " "));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        /** "my-net v2.layerlab" → "MyNetV2". */
        public static String classNameFor(Path file) {
            String base = file.getFileName().toString().replaceFirst("\\.layerlab$", "");
            StringBuilder b = new StringBuilder();
            boolean upper = true;
            for (char ch : base.toCharArray()) {
                if (!Character.isLetterOrDigit(ch)) {
                    upper = true;
                    continue;
                }
                b.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
            if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) b.insert(0, "Net");
            return b.toString();
        }
    }

    @Command(name = "samples", mixinStandardHelpOptions = true, description = "List the starter samples (id, title, what it shows).")
    static final class SamplesCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (org.layerlab.samples.Sample s : org.layerlab.samples.StarterSamples.all()) {
                spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%-20s %-28s %s%n", s.id(), s.title(), s.description());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a project file from a starter sample.")
    static final class NewCommand implements Callable<Integer> {
        @CommandLine.Option(names = "--sample", required = true, paramLabel = "ID", description = "a sample id (see: layerlab samples)")
        String sample;

        @Parameters(paramLabel = "FILE.layerlab")
        Path file;

        @CommandLine.Option(names = "--force", description = "replace FILE if it exists")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            org.layerlab.samples.Sample s = org.layerlab.samples.StarterSamples.all().stream().filter(x -> x.id().equals(sample)).findFirst()
                    .orElseThrow(() -> new UserError("no sample '" + sample + "'; samples: " + String.join(", ",
                            org.layerlab.samples.StarterSamples.all().stream().map(org.layerlab.samples.Sample::id).toList())));
            if (!file.getFileName().toString().endsWith(ProjectController.EXTENSION)) throw new UserError(file + ": a project file ends in " + ProjectController.EXTENSION);
            if (java.nio.file.Files.exists(file) && !force) throw new UserError(file + " exists; add --force to replace it");
            try {
                ProjectFiles.write(file, s.project());
            } catch (java.io.IOException e) {
                throw new UserError("cannot write " + file + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + file + " (" + s.title() + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "completion", mixinStandardHelpOptions = true,
            description = "Print a bash/zsh completion script: source <(./layerlab completion)")
    static final class CompletionCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(picocli.AutoComplete.bash("layerlab", spec.parent().commandLine()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
