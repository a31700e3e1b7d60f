package im.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI client in its own JVM as a script would: stdin from a file, its output captured. */
public final class ClientProcess {

    private ClientProcess() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Result run(Path dir, List<String> options, String input) throws IOException, InterruptedException {
        Path stdin = Files.writeString(dir.resolve("input.txt"), input);
        Path stdout = dir.resolve("out.txt");
        Path stderr = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(ServerProcess.javaCommand("im.Application"));
        command.add("client");
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectInput(stdin.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("client finished").isTrue();
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
